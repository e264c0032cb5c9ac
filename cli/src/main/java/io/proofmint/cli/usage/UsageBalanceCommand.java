package io.proofmint.cli.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.proofmint.cli.Amounts;
import io.proofmint.cli.CommandOutput;
import io.proofmint.cli.SuiteOptions;
import io.proofmint.cli.TimeSpans;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `proofmint usage balance`: a channel's balance, what was redeemed and signed, what remains. */
@Command(
    name = "balance",
    mixinStandardHelpOptions = true,
    description = {
      "Show a usage channel: balance, redeemed, signed, remaining, state.",
      "The balance and the redeemed total come from the escrow; what was signed but not yet"
          + " redeemed comes from the local voucher state (the server may redeem up to that);"
          + " remaining is what further calls can spend. The state is open, or closing with the"
          + " time the withdrawal unlocks. Read-only: nothing is signed."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  proofmint usage balance --model 0xMODEL --keystore 0xAb12...",
      "  proofmint usage balance --model 0xMODEL --account 0xAb12... --json"
    })
public final class UsageBalanceCommand implements Callable<Integer> {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin UsageOptions options;

  @Option(
      names = "--account",
      paramLabel = "ADDRESS",
      description = "The channel's user (default: the signer's address).")
  String account;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    String model = options.model(spec);
    try (SuiteOptions.Session session = options.suite.reading(account)) {
      ChannelView v = ChannelView.read(session.suite(), model, session.account());
      if (!v.registered()) {
        return CommandOutput.refuse(spec, v.refuseUnknownModel().orElseThrow());
      }
      VoucherState local = UsageOptions.stateFile(v).readOrEmpty();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(JSON.writeValueAsString(asJson(v, local)));
      } else {
        printText(v, local, out);
      }
      out.flush();
    }
    return 0;
  }

  private static void printText(ChannelView v, VoucherState local, PrintWriter out) {
    out.println(
        "channel of "
            + v.user().toChecksumHex()
            + " for model "
            + v.model().toChecksumHex()
            + " on chain "
            + v.chainId());
    out.println(
        "escrow " + v.escrow().toChecksumHex() + ", payment token " + v.symbol() + " " + v.asset());
    out.println("  balance     " + v.amount(v.channel().balance()) + " (held by the escrow)");
    out.println("  redeemed    " + v.amount(v.channel().redeemed()) + " (paid to the model)");
    out.println(
        "  unredeemed  "
            + v.amount(v.unredeemed(local))
            + " (signed here, not yet redeemed; signed in all "
            + v.amount(local.signed())
            + (local.pending() ? ", the last call unanswered" : "")
            + ")");
    out.println(
        "  remaining   " + v.amount(v.remaining(local)) + " (what further calls can spend)");
    out.println("  state       " + state(v));
    out.println("  wallet      " + v.amount(v.walletBalance()));
  }

  private static String state(ChannelView v) {
    if (!v.closing()) {
      return "open";
    }
    String what = "closing: " + v.amount(v.channel().pendingWithdrawal()) + " requested, ";
    return v.withdrawableNow()
        ? what + "withdrawable now (since " + v.unlockAt() + ")"
        : what
            + "withdrawable at "
            + v.unlockAt()
            + " (in "
            + TimeSpans.format(Duration.between(v.chainTime(), v.unlockAt()))
            + ")";
  }

  private static Map<String, Object> asJson(ChannelView v, VoucherState local) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("user", v.user().toChecksumHex());
    o.put("modelToken", v.model().toChecksumHex());
    o.put("chainId", v.chainId());
    o.put("escrow", v.escrow().toChecksumHex());
    Map<String, Object> token = new LinkedHashMap<>();
    token.put("address", v.asset());
    token.put("symbol", v.symbol());
    token.put("decimals", v.decimals());
    o.put("paymentToken", token);
    o.put("balance", units(v, v.channel().balance()));
    o.put("redeemed", units(v, v.channel().redeemed()));
    o.put("signed", units(v, local.signed()));
    o.put("confirmed", units(v, local.confirmed()));
    o.put("unredeemed", units(v, v.unredeemed(local)));
    o.put("remaining", units(v, v.remaining(local)));
    o.put("state", v.closing() ? "closing" : "open");
    o.put("pendingWithdrawal", units(v, v.channel().pendingWithdrawal()));
    o.put("withdrawableAt", v.closing() ? v.unlockAt().toString() : null);
    o.put("withdrawableNow", v.withdrawableNow());
    o.put("withdrawDelaySeconds", v.withdrawDelay().toSeconds());
    o.put("wallet", units(v, v.walletBalance()));
    o.put("chainTime", v.chainTime().toString());
    return o;
  }

  private static String units(ChannelView v, BigInteger baseUnits) {
    return Amounts.format(baseUnits, v.decimals());
  }
}
