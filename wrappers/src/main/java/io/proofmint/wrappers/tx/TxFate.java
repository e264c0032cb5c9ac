package io.proofmint.wrappers.tx;

/** How a journaled transaction ended. */
public enum TxFate {
  /** Mined and succeeded. */
  MINED,
  /** Mined and reverted. */
  REVERTED,
  /** Never mined: the node refused it, or does not know it when asked again. */
  DROPPED
}
