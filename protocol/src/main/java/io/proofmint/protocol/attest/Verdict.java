package io.proofmint.protocol.attest;

/** The verdict of an attestation, with its {@code uint8} code (protocol.md section 6). */
public enum Verdict {
  /** Every sampled segment replayed to its committed end hash. */
  VALID(1),
  /** A sampled segment did not. */
  FRAUD(2),
  /**
   * The bundle, or an artifact a sampled segment needs, could not be fetched or did not match the
   * commitment within the verifier's grace period. Rejects the task like FRAUD, without a segment.
   */
  UNAVAILABLE(3);

  private final int code;

  Verdict(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** True for FRAUD and UNAVAILABLE: the verdicts that reject the work and slash the trainer. */
  public boolean rejects() {
    return this != VALID;
  }

  public static Verdict fromCode(int code) {
    for (Verdict verdict : values()) {
      if (verdict.code == code) {
        return verdict;
      }
    }
    throw new IllegalArgumentException(
        "verdict: expected 1 (VALID), 2 (FRAUD) or 3 (UNAVAILABLE), got " + code);
  }
}
