package io.proofmint.settlement.keeper;

/** What a keeper transaction does. */
public enum IntentKind {
  FINALIZE,
  CLAIM_REWARDS,
  EXPIRE,
  REDEEM
}
