package io.proofmint.protocol.commit;

/** The outcome of checking a Merkle proof against a root; {@link Reason#VALID} when it holds. */
public record MerkleProofCheck(Reason reason, String detail) {

  public enum Reason {
    VALID,
    /** The index is negative or not below the leaf count. */
    INDEX_OUT_OF_RANGE,
    /** The proof does not have exactly {@code depth} siblings. */
    WRONG_PROOF_LENGTH,
    /** The leaf data does not have the size its position requires. */
    MALFORMED_LEAF,
    /** The recomputed root differs from the committed one. */
    ROOT_MISMATCH
  }

  private static final MerkleProofCheck VALID = new MerkleProofCheck(Reason.VALID, "valid");

  public static MerkleProofCheck valid() {
    return VALID;
  }

  public static MerkleProofCheck invalid(Reason reason, String detail) {
    if (reason == Reason.VALID) {
      throw new IllegalArgumentException("invalid: expected a failure reason, got VALID");
    }
    return new MerkleProofCheck(reason, detail);
  }

  public boolean isValid() {
    return reason == Reason.VALID;
  }
}
