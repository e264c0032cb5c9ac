package io.proofmint.cli.settlement;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Base units shown as decimal amounts, and decimal amounts as people type them. */
public final class Amounts {

  private Amounts() {}

  /** {@code 1500000} with 6 decimals is "1.5"; trailing zeros dropped. */
  public static String format(BigInteger baseUnits, int decimals) {
    BigDecimal value = new BigDecimal(baseUnits).movePointLeft(decimals).stripTrailingZeros();
    return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
  }

  /**
   * "1.5" with 6 decimals is {@code 1500000}; refuses negative amounts and amounts finer than one
   * base unit, naming {@code what}.
   */
  public static BigInteger parse(String amount, int decimals, String what) {
    BigDecimal value;
    try {
      value = new BigDecimal(amount.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          what + ": expected a decimal amount such as 1000 or 0.5, got '" + amount + "'");
    }
    if (value.signum() < 0) {
      throw new IllegalArgumentException(what + ": expected an amount >= 0, got " + amount);
    }
    BigDecimal base = value.movePointRight(decimals).stripTrailingZeros();
    if (base.scale() > 0) {
      throw new IllegalArgumentException(
          what + ": " + amount + " has more than " + decimals + " decimals");
    }
    return base.toBigIntegerExact();
  }
}
