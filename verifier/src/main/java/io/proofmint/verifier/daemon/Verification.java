package io.proofmint.verifier.daemon;

import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.commit.SegmentLeaf;
import io.proofmint.protocol.crypto.Hash32;
import java.util.List;
import java.util.Objects;

/**
 * What verifying a task came to: a verdict to sign, a reason to try again later (the bundle could
 * not be downloaded now), or a reason no attestation is possible (nothing a FRAUD batch could
 * prove, e.g. a bundle of another task).
 */
public record Verification(
    Outcome outcome,
    Verdict verdict,
    long failingSegment,
    SegmentLeaf leaf,
    List<Hash32> proof,
    String detail) {

  public enum Outcome {
    VERDICT,
    RETRY,
    CANNOT_ATTEST
  }

  public Verification {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
    proof = List.copyOf(proof);
  }

  public static Verification valid(String detail) {
    return new Verification(Outcome.VERDICT, Verdict.VALID, 0, null, List.of(), detail);
  }

  public static Verification fraud(SegmentLeaf leaf, List<Hash32> proof, String detail) {
    return new Verification(Outcome.VERDICT, Verdict.FRAUD, leaf.index(), leaf, proof, detail);
  }

  public static Verification retry(String detail) {
    return new Verification(Outcome.RETRY, null, 0, null, List.of(), detail);
  }

  public static Verification cannotAttest(String detail) {
    return new Verification(Outcome.CANNOT_ATTEST, null, 0, null, List.of(), detail);
  }
}
