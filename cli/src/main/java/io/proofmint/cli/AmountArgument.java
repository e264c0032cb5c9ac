package io.proofmint.cli;

import java.math.BigDecimal;
import java.math.BigInteger;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * An AMOUNT argument in token units: checked for form before connecting, scaled once the token's
 * decimals are known.
 */
public final class AmountArgument {

  private AmountArgument() {}

  /** Refuses (as a usage error) anything but a plain decimal number above zero. */
  public static void checkForm(CommandSpec spec, String amount) {
    BigDecimal value;
    try {
      value = new BigDecimal(amount.strip());
    } catch (NumberFormatException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "AMOUNT '" + amount + "': expected a decimal number such as 12.5");
    }
    if (value.signum() <= 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "AMOUNT " + amount + ": expected an amount above 0");
    }
  }

  /**
   * Base units of {@code amount} for a token of {@code decimals}; too many decimals is a usage
   * error.
   */
  public static BigInteger toBaseUnits(CommandSpec spec, String amount, int decimals) {
    try {
      return Amounts.parse(amount, decimals);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
