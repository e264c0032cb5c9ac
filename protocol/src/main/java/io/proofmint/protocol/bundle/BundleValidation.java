package io.proofmint.protocol.bundle;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The outcome of validating a proof bundle: {@link Reason#VALID} with the bundle, or the first
 * problem found, the file it is in and a message saying what was expected and what came.
 */
public record BundleValidation(Reason reason, Path file, String detail, ProofBundle bundle) {

  public enum Reason {
    VALID,
    MANIFEST_MISSING,
    /** Not JSON, a field missing or ill-typed, or an unsupported format version. */
    MANIFEST_MALFORMED,
    RECORDS_MISSING,
    /** {@code records.csv} does not hash to the manifest's {@code recordsHash}. */
    RECORDS_HASH_MISMATCH,
    /** Not the canonical CSV, or not {@code N} records. */
    RECORDS_MALFORMED,
    CHECKPOINT_MISSING,
    CHECKPOINT_HASH_MISMATCH,
    /** Hashes right, but its header does not decode or its size differs from the header's. */
    CHECKPOINT_MALFORMED,
    /** The checkpoint header names another model spec than the manifest. */
    CHECKPOINT_SPEC_MISMATCH,
    /** Consecutive checkpoints are not {@code k} model steps apart. */
    CHECKPOINT_STEP_MISMATCH,
    /** The root recomputed from the records and checkpoint hashes differs from the manifest's. */
    ROOT_MISMATCH,
    /** A valid bundle, but of another task, head, root, final checkpoint or segment count. */
    COMMITMENT_MISMATCH
  }

  public static BundleValidation valid(ProofBundle bundle) {
    return new BundleValidation(Reason.VALID, null, "valid", bundle);
  }

  public static BundleValidation invalid(Reason reason, Path file, String detail) {
    if (reason == Reason.VALID) {
      throw new IllegalArgumentException("invalid: expected a failure reason, got VALID");
    }
    return new BundleValidation(reason, file, detail, null);
  }

  public boolean isValid() {
    return reason == Reason.VALID;
  }

  /** The validated bundle; empty unless valid. */
  public Optional<ProofBundle> validBundle() {
    return Optional.ofNullable(bundle);
  }

  /** The offending file; empty when valid. */
  public Optional<Path> offendingFile() {
    return Optional.ofNullable(file);
  }

  @Override
  public String toString() {
    return isValid() ? "VALID" : "%s (%s): %s".formatted(reason, file, detail);
  }
}
