package io.proofmint.cli.usage;

import java.math.BigInteger;
import java.util.Objects;

/**
 * What the client remembers of one channel (chain, escrow, model token, user): the highest
 * cumulative amount it ever signed, and the highest the server answered for. Both only grow.
 *
 * <p>The rule that keeps a crash from costing more than one price and from ever reusing a lower
 * amount: a voucher's amount is recorded as {@code signed} before the voucher is sent; on a 200 it
 * becomes {@code confirmed}. While {@code signed > confirmed} (the last call was refused, or its
 * answer never came) the next call signs the same amount again rather than a higher one, since the
 * server accepts an amount at least its latest plus the price. If the server already holds it (the
 * answer was lost), it says NOT_INCREASED naming {@code signed + price}, and the client moves up by
 * exactly one price ({@link #serverHolds}). The chain's redeemed total is a floor under both, which
 * covers a lost state file.
 *
 * @param signed highest cumulative amount signed for this channel (base units)
 * @param confirmed highest cumulative amount the server answered 200 for
 */
record VoucherState(BigInteger signed, BigInteger confirmed) {

  static final VoucherState EMPTY = new VoucherState(BigInteger.ZERO, BigInteger.ZERO);

  VoucherState {
    Objects.requireNonNull(signed, "signed");
    Objects.requireNonNull(confirmed, "confirmed");
    if (confirmed.signum() < 0 || confirmed.compareTo(signed) > 0) {
      throw new IllegalArgumentException(
          "voucher state: expected 0 <= confirmed <= signed, got confirmed "
              + confirmed
              + ", signed "
              + signed);
    }
  }

  /** True if the last signed voucher has no answer yet (refused, or the answer was lost). */
  boolean pending() {
    return signed.compareTo(confirmed) > 0;
  }

  /**
   * The cumulative amount of the next call at {@code price}, never below the chain's {@code
   * redeemed} total plus the price: the pending amount again, else one price above what was signed.
   */
  BigInteger next(BigInteger price, BigInteger redeemed) {
    if (price.signum() <= 0) {
      throw new IllegalArgumentException("price: expected > 0, got " + price);
    }
    if (signed.compareTo(redeemed) < 0) {
      return redeemed.add(price); // the chain knows more than this file: it was lost or stale
    }
    if (pending()) {
      return signed;
    }
    return signed.add(price);
  }

  /** Recorded before a voucher for {@code amount} is sent. */
  VoucherState signedUpTo(BigInteger amount) {
    return new VoucherState(signed.max(amount), confirmed);
  }

  /** The server answered the voucher for {@code amount}. */
  VoucherState confirmedUpTo(BigInteger amount) {
    return new VoucherState(signed.max(amount), confirmed.max(amount));
  }

  /** The server already holds a voucher for {@code amount} (it said so in a NOT_INCREASED). */
  VoucherState serverHolds(BigInteger amount) {
    return confirmedUpTo(amount);
  }
}
