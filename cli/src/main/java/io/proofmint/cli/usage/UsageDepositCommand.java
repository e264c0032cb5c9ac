package io.proofmint.cli.usage;

import io.proofmint.cli.AmountArgument;
import io.proofmint.cli.CommandOutput;
import io.proofmint.cli.SuiteOptions;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** `proofmint usage deposit`: approve what is missing of the allowance, then deposit. */
@Command(
    name = "deposit",
    mixinStandardHelpOptions = true,
    description = {
      "Deposit payment tokens into your usage channel for a model.",
      "AMOUNT is in token units of the model's payment asset (its decimals are read from the"
          + " token). Approves the escrow first only when its allowance is below AMOUNT. Refused"
          + " without a transaction when the model token is not registered, when the balance is"
          + " below AMOUNT, or when the account has no ether for gas."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  proofmint usage deposit 10 --model 0xMODEL --keystore 0xAb12...",
      "  proofmint usage deposit 2.5 --model 0xMODEL --keystore user.json \\",
      "      --password-file pw"
    })
public final class UsageDepositCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin UsageOptions options;

  @Parameters(
      index = "0",
      paramLabel = "AMOUNT",
      description = "How much to deposit, in token units (e.g. 12.5).")
  String amount;

  @Override
  public Integer call() throws Exception {
    AmountArgument.checkForm(spec, amount);
    String model = options.model(spec);
    try (SuiteOptions.Session session = options.suite.signing()) {
      var suite = session.suite();
      ChannelView v = ChannelView.read(suite, model, session.account());
      Optional<String> unknown = v.refuseUnknownModel();
      if (unknown.isPresent()) {
        return CommandOutput.refuse(spec, unknown.get());
      }
      BigInteger units = AmountArgument.toBaseUnits(spec, amount, v.decimals());
      if (v.walletBalance().compareTo(units) < 0) {
        return CommandOutput.refuse(
            spec,
            "usage deposit "
                + v.amount(units)
                + ": account "
                + v.user().toChecksumHex()
                + " holds "
                + v.amount(v.walletBalance())
                + " of payment token "
                + v.asset()
                + ", expected at least "
                + v.amount(units));
      }
      Optional<String> noGas = v.refuseWithoutGas();
      if (noGas.isPresent()) {
        return CommandOutput.refuse(spec, noGas.get());
      }
      PrintWriter out = spec.commandLine().getOut();
      String escrow = v.escrow().toChecksumHex();
      if (v.allowance().compareTo(units) < 0) {
        CommandOutput.sent(
            spec,
            "approve " + v.amount(units) + " to the usage escrow",
            ChannelView.paymentAsset(suite, v.asset()).approve(escrow, units).send());
      } else {
        out.println("allowance " + v.amount(v.allowance()) + " suffices: no approval sent");
      }
      CommandOutput.sent(
          spec,
          "deposit " + v.amount(units) + " for model " + model,
          suite.usageEscrow().deposit(model, units).send());
      ChannelView after = ChannelView.read(suite, model, session.account());
      out.println(
          "channel of "
              + after.user().toChecksumHex()
              + " for model "
              + model
              + ": balance "
              + after.amount(after.channel().balance())
              + " (redeemed so far "
              + after.amount(after.channel().redeemed())
              + "); wallet "
              + after.amount(after.walletBalance()));
      out.flush();
    }
    return 0;
  }
}
