package io.proofmint.settlement.holder;

import java.math.BigInteger;

/**
 * One model token as a holder sees it.
 *
 * @param balance model-token base units (18 decimals)
 * @param claimable payment-asset base units {@code claim()} would pay now
 */
public record HolderPosition(
    BigInteger modelId, String token, String symbol, BigInteger balance, BigInteger claimable) {

  public boolean isEmpty() {
    return balance.signum() == 0 && claimable.signum() == 0;
  }
}
