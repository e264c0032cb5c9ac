package io.proofmint.cli.stake;

import io.proofmint.cli.CommandOutput;
import io.proofmint.cli.SuiteOptions;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `proofmint stake withdraw`: take the unbonded stake once the delay has passed. */
@Command(
    name = "withdraw",
    mixinStandardHelpOptions = true,
    description = {
      "Withdraw unbonded stake after the unbonding delay.",
      "Pays all unbonding stake to the account once its release time has come. Before that it says"
          + " exactly when it will be possible and sends nothing (exit 1). With nothing unbonding"
          + " it says so and sends nothing (exit 0), so a re-run is harmless."
    },
    footerHeading = "%nExample:%n",
    footer = {"  proofmint stake withdraw --keystore 0xAb12... --password-file pw"})
public final class StakeWithdrawCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin SuiteOptions options;

  @Override
  public Integer call() throws Exception {
    try (SuiteOptions.Session session = options.signing()) {
      var suite = session.suite();
      StakeView v = StakeView.read(suite, session.account());
      if (v.releaseAt().isEmpty()) {
        spec.commandLine()
            .getOut()
            .println("account " + v.account() + " has nothing unbonding: nothing to withdraw");
        spec.commandLine().getOut().flush();
        return 0;
      }
      Optional<String> refusal = StakeRules.refuseWithdraw(v);
      if (refusal.isPresent()) {
        return CommandOutput.refuse(spec, refusal.get());
      }
      CommandOutput.sent(
          spec, "withdraw " + v.amount(v.unbonding()), suite.stakeManager().withdraw().send());
      StakeView after = StakeView.read(suite, session.account());
      spec.commandLine()
          .getOut()
          .println(
              "account "
                  + after.account()
                  + " withdrew "
                  + v.amount(v.unbonding())
                  + "; balance "
                  + after.amount(after.balance())
                  + ", still staked "
                  + after.amount(after.staked()));
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
