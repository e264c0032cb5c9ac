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
}
