package io.proofmint.verifier.replay;

/** Why a replayed segment passed or failed; every failure is a reason to attest FRAUD. */
public enum ReplayReason {
  /** The replayed end state hashes to the committed {@code C_{i+1}}, records equal bit for bit. */
  MATCH(true),
  /** Tolerant mode: end state and losses within the model's threshold, though not bit-equal. */
  WITHIN_TOLERANCE(true),
  /** Exact mode: the replayed end state hashes to another checkpoint than {@code C_{i+1}}. */
  END_HASH_MISMATCH(false),
  /** Tolerant mode: the replayed end state is farther from {@code C_{i+1}} than the threshold. */
  DISTANCE_ABOVE_THRESHOLD(false),
  /** A recorded batch hash is not the one derived from the task seed (other data was used). */
  BATCH_MISMATCH(false),
  /** The end state matches but a recorded loss does not (the records lie about the losses). */
  LOSS_MISMATCH(false),
  /**
   * {@code C_i} (or, in tolerant mode, {@code C_{i+1}}) is missing or does not hash to its name.
   */
  CHECKPOINT_UNAVAILABLE(false),
  /** {@code C_i} hashes right but is not a state of this model (tensors, spec or step differ). */
  CHECKPOINT_INVALID(false);

  private final boolean passes;

  ReplayReason(boolean passes) {
    this.passes = passes;
  }

  /** True for {@link #MATCH} and {@link #WITHIN_TOLERANCE}. */
  public boolean passes() {
    return passes;
  }
}
