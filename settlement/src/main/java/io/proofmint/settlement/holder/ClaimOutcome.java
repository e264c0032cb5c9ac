package io.proofmint.settlement.holder;

import java.math.BigInteger;

/**
 * What a claim did.
 *
 * @param paid payment-asset base units received (0 when skipped)
 * @param txHash the claim transaction, empty when skipped
 * @param gasUsed gas of the claim transaction, 0 when skipped
 */
public record ClaimOutcome(
    String token, String symbol, BigInteger paid, String txHash, long gasUsed) {

  static ClaimOutcome skipped(String token, String symbol) {
    return new ClaimOutcome(token, symbol, BigInteger.ZERO, "", 0);
  }

  public boolean skipped() {
    return txHash.isEmpty();
  }
}
