package io.proofmint.verifier.check;

import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.bundle.BundleValidation;
import io.proofmint.verifier.replay.ReplayPolicy;
import io.proofmint.verifier.replay.SegmentReplay;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an offline check of a bundle found: the bundle validation and, if it validated, one replay
 * per selected segment in replay order.
 *
 * @param bundleDir the bundle checked
 * @param validation the result of validating it (protocol.md section 10.6)
 * @param policy how replays were judged
 * @param rows one per replayed segment; empty if the bundle did not validate
 */
public record CheckReport(
    Path bundleDir, BundleValidation validation, ReplayPolicy policy, List<SegmentReplay> rows) {

  public CheckReport {
    Objects.requireNonNull(bundleDir, "bundleDir");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(policy, "policy");
    rows = List.copyOf(rows);
  }

  /** VALID when the bundle validated and every selected segment passed; FRAUD otherwise. */
  public Verdict verdict() {
    return validation.isValid() && rows.stream().allMatch(SegmentReplay::passes)
        ? Verdict.VALID
        : Verdict.FRAUD;
  }

  /** The first failing segment in replay order (what an attestation would name). */
  public Optional<SegmentReplay> firstFailure() {
    return rows.stream().filter(r -> !r.passes()).findFirst();
  }

  public boolean isValid() {
    return verdict() == Verdict.VALID;
  }
}
