package io.proofmint.cli.stake;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `proofmint stake`: an account's stake in the StakeManager, for either role. */
@Command(
    name = "stake",
    mixinStandardHelpOptions = true,
    description = {
      "Stake of trainers and verifiers: show, add, unbond, withdraw.",
      "An account has one role, trainer or verifier, fixed by its first stake. Unbonded stake can"
          + " be withdrawn after the stake manager's unbonding delay. Amounts are in token units"
          + " with decimals (12.5), not base units."
    },
    subcommands = {
      StakeShowCommand.class,
      StakeAddCommand.class,
      StakeUnbondCommand.class,
      StakeWithdrawCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExample (a verifier joins, later leaves):%n",
    footer = {
      "  proofmint stake add 50 --role verifier --keystore 0xAb12...",
      "  proofmint stake unbond --all --keystore 0xAb12...",
      "  proofmint stake withdraw --keystore 0xAb12...   # after the unbonding delay",
      "",
      "Exit codes: 0 done (or nothing to do), 1 refused or failed (one line on stderr says why; a"
          + " refusal sends no transaction), 2 wrong usage."
    })
public final class StakeCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
