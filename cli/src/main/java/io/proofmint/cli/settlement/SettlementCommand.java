package io.proofmint.cli.settlement;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `proofmint settlement`: the keeper that settles tasks and usage payments. */
@Command(
    name = "settlement",
    footer = {
      "",
      "Example:",
      "  proofmint settlement run --rpc http://127.0.0.1:8545 --keystore keeper.json"
    },
    mixinStandardHelpOptions = true,
    description =
        "Settle the protocol: index the chain, finalize tasks after their challenge window, pay attesters, expire abandoned tasks and redeem usage vouchers.",
    subcommands = {SettlementRunCommand.class, CommandLine.HelpCommand.class})
public final class SettlementCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
