package io.proofmint.settlement.escrow;

import java.math.BigInteger;

/**
 * One (user, model token) channel of the escrow, as {@code channel(user, modelToken)} returns it.
 */
public record ChannelState(
    BigInteger balance, BigInteger redeemed, BigInteger pendingWithdrawal, long unlockAt) {

  public static final ChannelState EMPTY =
      new ChannelState(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, 0);

  /** What vouchers beyond {@code redeemed} may still claim: the balance not asked back. */
  public BigInteger spendable() {
    return balance.subtract(pendingWithdrawal).max(BigInteger.ZERO);
  }

  /** True if a voucher for {@code cumulative} would pay something if redeemed now. */
  public boolean wouldPay(BigInteger cumulative) {
    return cumulative.compareTo(redeemed) > 0 && balance.signum() > 0;
  }
}
