package io.proofmint.settlement.serve;

/** Why a voucher does not pay for a call. Every one is answered with HTTP 402. */
public enum Rejection {
  /** The voucher is for another model token than the one served. */
  WRONG_MODEL,
  /** It expires before the keeper could redeem it. */
  EXPIRES_TOO_SOON,
  /** The signature is not the user's (wrong key, domain or fields; malformed; high s). */
  BAD_SIGNATURE,
  /** The cumulative amount did not grow by the price: a replayed or older voucher. */
  NOT_INCREASED,
  /** The channel's spendable balance does not cover the cumulative amount. */
  UNDERFUNDED
}
