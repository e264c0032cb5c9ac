package io.proofmint.settlement.escrow;

import io.proofmint.protocol.crypto.AbiEncoder;
import io.proofmint.protocol.crypto.Address;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What a user signs for a paid call: {@code Voucher(address user,address modelToken,uint256
 * cumulativeAmount,uint64 expiry)} (docs/usage-payments.md).
 *
 * @param cumulativeAmount total owed on the (user, modelToken) channel so far, payment-asset units
 * @param expiry last unix second at which the voucher can be redeemed (uint64)
 */
public record Voucher(
    Address user, Address modelToken, BigInteger cumulativeAmount, BigInteger expiry) {

  public static final BigInteger MAX_EXPIRY = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  public Voucher {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(modelToken, "modelToken");
    AbiEncoder.checkUint256(cumulativeAmount, "voucher cumulativeAmount");
    if (expiry.signum() < 0 || expiry.compareTo(MAX_EXPIRY) > 0) {
      throw new IllegalArgumentException(
          "voucher expiry: expected a uint64 (0 .. 2^64-1), got " + expiry);
    }
  }

  public static Voucher of(String user, String modelToken, BigInteger cumulative, long expiry) {
    return new Voucher(
        Address.fromHex(user), Address.fromHex(modelToken), cumulative, BigInteger.valueOf(expiry));
  }

  /** True if the voucher can no longer be redeemed at {@code unixSeconds}. */
  public boolean expiredAt(long unixSeconds) {
    return expiry.compareTo(BigInteger.valueOf(unixSeconds)) < 0;
  }
}
