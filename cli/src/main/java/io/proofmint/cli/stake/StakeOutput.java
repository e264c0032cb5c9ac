package io.proofmint.cli.stake;

import java.io.PrintWriter;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import picocli.CommandLine.Model.CommandSpec;

/**
 * How the stake commands report: refusals on stderr like the FailureHandler, sent transactions on
 * stdout.
 */
final class StakeOutput {

  /** The exit code of a refusal, as the FailureHandler returns for a failed command. */
  static final int REFUSED = 1;

  private StakeOutput() {}

  /** Prints {@code reason} as an error line and returns {@link #REFUSED}. */
  static int refuse(CommandSpec spec, String reason) {
    PrintWriter err = spec.commandLine().getErr();
    err.println(
        spec.commandLine().getColorScheme().errorText("error: " + reason + " (nothing was sent)"));
    err.flush();
    return REFUSED;
  }

  /** "approve 12.5 PMS: transaction 0x.. in block 7 (gas 46000)". */
  static void sent(CommandSpec spec, String what, TransactionReceipt receipt) {
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
