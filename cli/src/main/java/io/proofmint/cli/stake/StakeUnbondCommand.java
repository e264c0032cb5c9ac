package io.proofmint.cli.stake;

import io.proofmint.cli.AmountArgument;
import io.proofmint.cli.CommandOutput;
import io.proofmint.cli.SuiteOptions;
import java.math.BigInteger;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `proofmint stake unbond`: start the exit of free stake. */
@Command(
    name = "unbond",
    mixinStandardHelpOptions = true,
    description = {
      "Start leaving: move stake to unbonding.",
      "Moves AMOUNT (or, with --all, all free stake) from staked to unbonding. Unbonding stake"
          + " stops counting toward the role's minimum at once, stays slashable, and can be"
          + " withdrawn after the unbonding delay. Refused without a transaction above the free"
          + " stake (staked minus what task bonds lock), and when stake is already unbonding,"
          + " since a new request restarts the delay of all of it (--restart-delay accepts that)."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  proofmint stake unbond --all --keystore 0xAb12...",
      "  proofmint stake unbond 10 --keystore 0xAb12... --password-file pw"
    })
public final class StakeUnbondCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin SuiteOptions options;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "AMOUNT",
      description = "How much to unbond, in token units (e.g. 12.5); or --all.")
  String amount;

  @Option(names = "--all", description = "Unbond all free stake.")
  boolean all;

  @Option(
      names = "--restart-delay",
      description =
          "Unbond even though stake is already unbonding: all of it then becomes withdrawable only"
              + " one full unbonding delay from now.")
  boolean restartDelay;

  @Override
  public Integer call() throws Exception {
    if (all == (amount != null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "stake unbond: expected either AMOUNT or --all");
    }
    if (amount != null) {
      AmountArgument.checkForm(spec, amount);
    }
    try (SuiteOptions.Session session = options.signing()) {
      var suite = session.suite();
      StakeView v = StakeView.read(suite, session.account());
      BigInteger units = all ? v.free() : AmountArgument.toBaseUnits(spec, amount, v.decimals());
      Optional<String> refusal = StakeRules.refuseUnbond(v, units, restartDelay);
      if (refusal.isPresent()) {
        return CommandOutput.refuse(spec, refusal.get());
      }
      CommandOutput.sent(
          spec, "unbond " + v.amount(units), suite.stakeManager().requestUnbond(units).send());
      StakeView after = StakeView.read(suite, session.account());
      spec.commandLine()
          .getOut()
          .println(
              "account "
                  + after.account()
                  + ": "
                  + after.amount(after.unbonding())
                  + " unbonding, withdrawable at "
                  + after.releaseAt().orElseThrow()
                  + " (`proofmint stake withdraw` then); still staked "
                  + after.amount(after.staked()));
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
