package io.proofmint.settlement.keeper;

/** Where a keeper transaction stands. */
public enum IntentState {
  /** Signed and recorded; maybe broadcast, maybe not. Its subjects wait until it resolves. */
  PREPARED,
  /** Mined and succeeded. */
  MINED,
  /** Mined and reverted (someone else acted first, or the state moved). */
  FAILED,
  /** Never mined: the node refused it or does not know it; its subjects are decided afresh. */
  DROPPED;

  public boolean isFinal() {
    return this != PREPARED;
  }
}
