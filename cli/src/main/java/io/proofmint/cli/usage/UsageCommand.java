package io.proofmint.cli.usage;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `proofmint usage`: the model user's side of pay-per-call (docs/usage-payments.md). */
@Command(
    name = "usage",
    mixinStandardHelpOptions = true,
    description = {
      "Pay per call for a served model: deposit, call, balance, close, withdraw.",
      "A user deposits payment tokens into the usage escrow once, then pays each call with a"
          + " signed voucher for the total owed so far; no transaction per call. The amount signed"
          + " so far is kept in .proofmint/usage/ (one file per chain, escrow, model and user)."
          + " Amounts are in token units with decimals (2.5), not base units."
    },
    subcommands = {
      UsageDepositCommand.class,
      UsageCallCommand.class,
      UsageBalanceCommand.class,
      UsageCloseCommand.class,
      UsageWithdrawCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nExample (deposit, call, look, leave):%n",
    footer = {
      "  proofmint usage deposit 10 --model 0xMODEL --keystore 0xAb12...",
      "  proofmint usage call --model 0xMODEL --server $URL --features 1,2,3 \\",
      "      --keystore 0xAb12...",
      "  proofmint usage balance --model 0xMODEL --keystore 0xAb12...",
      "  proofmint usage close --model 0xMODEL --keystore 0xAb12...",
      "  proofmint usage withdraw --model 0xMODEL --keystore 0xAb12...   # later",
      "",
      "Exit codes: 0 done (or nothing to do), 1 refused or failed (one line on stderr says why; a"
          + " refusal sends no transaction and charges nothing), 2 wrong usage."
    })
public final class UsageCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
