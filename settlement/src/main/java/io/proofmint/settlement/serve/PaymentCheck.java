package io.proofmint.settlement.serve;

import io.proofmint.settlement.escrow.ChannelState;
import java.math.BigInteger;

/**
 * The outcome of checking a voucher: accepted (with what it adds), or the reason it is not.
 *
 * @param previous the amount the voucher had to exceed by the price (inbox or on-chain redeemed)
 * @param channel the channel state the check used (null if it did not get that far)
 */
public record PaymentCheck(
    Rejection rejection, String message, BigInteger previous, ChannelState channel) {

  public static PaymentCheck accepted(BigInteger previous, ChannelState channel) {
    return new PaymentCheck(null, "", previous, channel);
  }

  public static PaymentCheck rejected(Rejection reason, String message) {
    return new PaymentCheck(reason, message, null, null);
  }

  public boolean accepted() {
    return rejection == null;
  }
}
