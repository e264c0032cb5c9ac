package io.proofmint.cli.settlement;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `proofmint holder`: model-token balances and revenue claims. */
@Command(
    name = "holder",
    footer = {"", "Example:", "  proofmint holder status --account 0xYOURADDRESS"},
    mixinStandardHelpOptions = true,
    description = "Model-token holders: see balances and claimable revenue, claim it.",
    subcommands = {
      HolderStatusCommand.class,
      HolderClaimCommand.class,
      CommandLine.HelpCommand.class
    })
public final class HolderCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
