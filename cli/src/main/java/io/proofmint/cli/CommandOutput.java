package io.proofmint.cli;

import java.io.PrintWriter;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How the commands that check before they send (`stake`, `usage`) report: refusals on stderr like
 * the FailureHandler, sent transactions on stdout.
 */
public final class CommandOutput {

  /** The exit code of a refusal, as the FailureHandler returns for a failed command. */
  public static final int REFUSED = 1;

  private CommandOutput() {}

  /** Prints {@code reason} as an error line and returns {@link #REFUSED}. */
  public static int refuse(CommandSpec spec, String reason) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        spec.commandLine().getColorScheme().errorText("error: " + reason + " (nothing was sent)"));
    err.flush();
    return REFUSED;
  }

  /**
   * Prints {@code reason} (a refusal that cost nothing) as an error line, returns {@link #REFUSED}.
   */
  public static int refuseNothingCharged(CommandSpec spec, String reason) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        spec.commandLine()
            .getColorScheme()
            .errorText("error: " + reason + " (nothing was charged)"));
    err.flush();
    return REFUSED;
  }

  /** "approve 12.5 PMS: transaction 0x.. in block 7 (gas 46000)". */
  public static void sent(CommandSpec spec, String what, TransactionReceipt receipt) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        what
            + ": transaction "
            + receipt.getTransactionHash()
            + " in block "
            + receipt.getBlockNumber()
            + " (gas "
            + receipt.getGasUsed()
            + ")");
    out.flush();
  }
}
