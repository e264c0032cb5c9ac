package io.proofmint.cli.stake;

import io.proofmint.cli.AmountArgument;
import io.proofmint.cli.CommandOutput;
import io.proofmint.cli.SuiteOptions;
import java.math.BigInteger;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `proofmint stake add`: approve what is missing of the allowance, then stake. */
@Command(
    name = "add",
    mixinStandardHelpOptions = true,
    description = {
      "Stake more stake tokens in a role (AMOUNT more, or --to a total).",
      "Approves the stake manager first only when its allowance is below AMOUNT (so a re-run after"
          + " a failed stake sends no second approval). Refused without a transaction when the"
          + " balance is below AMOUNT, when the account already stakes in the other role, when it"
          + " is jailed, or when it has no ether for gas."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  proofmint stake add 50 --role verifier --keystore $ADDR --password-file pw",
      "  proofmint stake add 12.5 --role trainer --keystore trainer.json",
      "  proofmint stake add --to 50 --role verifier --keystore 0xAb12..."
    })
public final class StakeAddCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(StakeAddCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin SuiteOptions options;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "AMOUNT",
      description = "How much more to stake, in token units (e.g. 12.5); or --to.")
  String amount;

  @Option(
      names = "--to",
      paramLabel = "TOTAL",
      description =
          "Instead of AMOUNT: stake what is missing for the staked total to reach TOTAL, and"
              + " nothing when it already does (so running it again changes nothing).")
  String total;

  @Option(
      names = "--role",
      required = true,
      paramLabel = "ROLE",
      description = "trainer or verifier. An account's first stake fixes its role.")
  StakeRole role;

  @Override
  public Integer call() throws Exception {
    if ((amount == null) == (total == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "stake add: expected either AMOUNT or --to TOTAL");
    }
    AmountArgument.checkForm(spec, amount != null ? amount : total);
    try (SuiteOptions.Session session = options.signing()) {
      var suite = session.suite();
      StakeView v = StakeView.read(suite, session.account());
      BigInteger units;
      if (total != null) {
        BigInteger target = AmountArgument.toBaseUnits(spec, total, v.decimals());
        units = target.subtract(v.staked());
        boolean sameRole = v.role().map(r -> r == role).orElse(true);
        if (units.signum() <= 0 && sameRole) {
          spec.commandLine()
              .getOut()
              .println(
                  "account "
                      + v.account()
                      + " already stakes "
                      + v.amount(v.staked())
                      + " as "
                      + role
                      + " (--to "
                      + v.amount(target)
                      + "): nothing to stake, nothing sent");
          spec.commandLine().getOut().flush();
          return 0;
        }
      } else {
        units = AmountArgument.toBaseUnits(spec, amount, v.decimals());
      }
      Optional<String> refusal = StakeRules.refuseAdd(v, role, units);
      if (refusal.isPresent()) {
        return CommandOutput.refuse(spec, refusal.get());
      }
      if (v.allowance().compareTo(units) < 0) {
        LOG.info("approving {} for the stake manager", units);
        CommandOutput.sent(
            spec,
            "approve " + v.amount(units) + " to the stake manager",
            suite.stakeToken().approve(v.stakeManager(), units).send());
      } else {
        spec.commandLine()
            .getOut()
            .println("allowance " + v.amount(v.allowance()) + " suffices: no approval sent");
      }
      CommandOutput.sent(
          spec,
          "stake " + v.amount(units) + " as " + role,
          suite.stakeManager().stake(BigInteger.valueOf(role.id()), units).send());
      StakeView after = StakeView.read(suite, session.account());
      spec.commandLine()
          .getOut()
          .println(
              "account "
                  + after.account()
                  + " stakes "
                  + after.amount(after.staked())
                  + " as "
                  + role
                  + (after.active()
                      ? " (active)"
                      : " (not active: minimum " + after.amount(after.minStake(role)) + ")")
                  + "; balance "
                  + after.amount(after.balance()));
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
