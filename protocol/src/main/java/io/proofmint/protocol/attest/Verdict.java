package io.proofmint.protocol.attest;

/** The verdict of an attestation, with its {@code uint8} code (protocol.md section 6). */
public enum Verdict {
  /** Every sampled segment replayed to its committed end hash. */
  VALID(1),
  /** A sampled segment did not. */
  FRAUD(2);

  private final int code;

  Verdict(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static Verdict fromCode(int code) {
    for (Verdict verdict : values()) {
      if (verdict.code == code) {
        return verdict;
      }
    }
    throw new IllegalArgumentException("verdict: expected 1 (VALID) or 2 (FRAUD), got " + code);
  }
}
