package io.proofmint.cli.usage;

import io.proofmint.cli.CommandOutput;
import io.proofmint.cli.SuiteOptions;
import io.proofmint.cli.TimeSpans;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `proofmint usage withdraw`: take back what `usage close` requested, after the delay. */
@Command(
    name = "withdraw",
    mixinStandardHelpOptions = true,
    description = {
      "Withdraw a closed channel's balance after the withdraw delay.",
      "Pays the requested amount, or what is left of it after redemptions, to the account once"
          + " the unlock time has come (chain time). Before that it says exactly when and sends"
          + " nothing (exit 1). With no request pending it says so and sends nothing (exit 0)."
    },
    footerHeading = "%nExample:%n",
    footer = {"  proofmint usage withdraw --model 0xMODEL --keystore 0xAb12..."})
public final class UsageWithdrawCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin UsageOptions options;

  @Override
  public Integer call() throws Exception {
    String model = options.model(spec);
    try (SuiteOptions.Session session = options.suite.signing()) {
      var suite = session.suite();
      ChannelView v = ChannelView.read(suite, model, session.account());
      Optional<String> unknown = v.refuseUnknownModel();
      if (unknown.isPresent()) {
        return CommandOutput.refuse(spec, unknown.get());
      }
      PrintWriter out = spec.commandLine().getOut();
      if (!v.closing()) {
        out.println(
            "no withdrawal pending for the channel of "
                + v.user().toChecksumHex()
                + " for model "
                + model
                + ": nothing to withdraw (`proofmint usage close` requests one)");
        out.flush();
        return 0;
      }
      if (!v.withdrawableNow()) {
        return CommandOutput.refuse(
            spec,
            "usage withdraw: "
                + v.amount(v.channel().pendingWithdrawal())
                + " becomes withdrawable at "
                + v.unlockAt()
                + ", in "
                + TimeSpans.format(Duration.between(v.chainTime(), v.unlockAt()))
                + " of chain time (the latest block is at "
                + v.chainTime()
                + ")");
      }
      Optional<String> noGas = v.refuseWithoutGas();
      if (noGas.isPresent()) {
        return CommandOutput.refuse(spec, noGas.get());
      }
      BigInteger pays = v.channel().pendingWithdrawal().min(v.channel().balance());
      CommandOutput.sent(
          spec, "withdraw " + v.amount(pays), suite.usageEscrow().withdraw(model).send());
      ChannelView after = ChannelView.read(suite, model, session.account());
      out.println(
          "withdrew "
              + after.amount(after.walletBalance().subtract(v.walletBalance()))
              + "; channel balance "
              + after.amount(after.channel().balance())
              + ", redeemed "
              + after.amount(after.channel().redeemed())
              + "; wallet "
              + after.amount(after.walletBalance()));
      out.flush();
    }
    return 0;
  }
}
