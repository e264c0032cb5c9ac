package io.proofmint.cli;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Token amounts as people write them ("12.5") and as contracts count them (base units). */
public final class Amounts {

  private Amounts() {}

  /** {@code 1500000} with 6 decimals is "1.5"; trailing zeros dropped. */
  public static String format(BigInteger baseUnits, int decimals) {
    BigDecimal value = new BigDecimal(baseUnits).movePointLeft(decimals).stripTrailingZeros();
    return value.scale() < 0 ? value.setScale(0).toPlainString() : value.toPlainString();
  }

  /**
   * "12.5" with 18 decimals is 12500000000000000000 base units.
   *
   * @throws IllegalArgumentException if {@code amount} is not a plain decimal number, is negative,
   *     or has more decimal places than the token
   */
  public static BigInteger parse(String amount, int decimals) {
    BigDecimal value;
    try {
      value = new BigDecimal(amount.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "amount '" + amount + "': expected a decimal number such as 12.5", e);
    }
    if (value.signum() < 0) {
      throw new IllegalArgumentException("amount " + amount + ": expected a positive amount");
    }
    BigDecimal units = value.movePointRight(decimals).stripTrailingZeros();
    if (units.scale() > 0) {
      throw new IllegalArgumentException(
          "amount "
              + amount
              + ": expected at most "
              + decimals
              + " decimal places (the token's decimals)");
    }
    return units.toBigIntegerExact();
  }

  /**
   * "1.5" with 6 decimals is {@code 1500000}; zero allowed (a fee may be 0); refuses negative
   * amounts and amounts finer than one base unit, naming {@code what}.
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
