package io.proofmint.cli.settlement;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Base units shown as decimal amounts. */
final class Amounts {

  private Amounts() {}

  /** {@code 1500000} with 6 decimals is "1.5"; trailing zeros dropped. */
  static String format(BigInteger baseUnits, int decimals) {
    BigDecimal value = new BigDecimal(baseUnits).movePointLeft(decimals).stripTrailingZeros();
    return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
  }
}
