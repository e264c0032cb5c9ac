package io.proofmint.cli.usage;

import io.proofmint.cli.CommandOutput;
import io.proofmint.cli.SuiteOptions;
import io.proofmint.cli.TimeSpans;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `proofmint usage close`: ask the escrow to pay the channel's balance back after the delay. */
@Command(
    name = "close",
    mixinStandardHelpOptions = true,
    description = {
      "Close a usage channel: request the withdrawal of its whole balance.",
      "Sends requestWithdraw for the channel's balance. From then on servers refuse new calls"
          + " (the balance is asked back), and `proofmint usage withdraw` pays what is left once"
          + " the escrow's withdraw delay has passed: vouchers the server redeems in the meantime"
          + " are paid first. Refused without a transaction when the channel is empty, when a"
          + " request is already pending (a new one would restart the delay; --restart-delay"
          + " accepts that), or without ether for gas."
    },
    footerHeading = "%nExample (close, then withdraw after the delay):%n",
    footer = {
      "  proofmint usage close --model 0xMODEL --keystore 0xAb12...",
      "  proofmint usage withdraw --model 0xMODEL --keystore 0xAb12..."
    })
public final class UsageCloseCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin UsageOptions options;

  @Option(
      names = "--restart-delay",
      description =
          "Request again although a withdrawal is pending (for the current balance); the delay"
              + " then starts again from now.")
  boolean restartDelay;

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
      if (v.channel().balance().signum() == 0) {
        return CommandOutput.refuse(
            spec,
            "usage close: the channel of "
                + v.user().toChecksumHex()
                + " for model "
                + model
                + " holds nothing (redeemed "
                + v.amount(v.channel().redeemed())
                + ")");
      }
      if (v.closing() && !restartDelay) {
        return CommandOutput.refuse(
            spec,
            "usage close: a withdrawal of "
                + v.amount(v.channel().pendingWithdrawal())
                + " is already pending, withdrawable at "
                + v.unlockAt()
                + (v.withdrawableNow()
                    ? " (now: run `proofmint usage withdraw`)"
                    : " (in "
                        + TimeSpans.format(java.time.Duration.between(v.chainTime(), v.unlockAt()))
                        + ")")
                + "; a new request would restart the delay (--restart-delay accepts that)");
      }
      Optional<String> noGas = v.refuseWithoutGas();
      if (noGas.isPresent()) {
        return CommandOutput.refuse(spec, noGas.get());
      }
      CommandOutput.sent(
          spec,
          "request withdrawal of " + v.amount(v.channel().balance()),
          suite.usageEscrow().requestWithdraw(model, v.channel().balance()).send());
      ChannelView after = ChannelView.read(suite, model, session.account());
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "channel closing: "
              + after.amount(after.channel().pendingWithdrawal())
              + " withdrawable at "
              + after.unlockAt()
              + " (in "
              + TimeSpans.format(after.withdrawDelay())
              + "; then `proofmint usage withdraw`); vouchers redeemed before then are paid"
              + " first");
      out.flush();
    }
    return 0;
  }
}
