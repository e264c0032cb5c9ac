package io.proofmint.cli.stake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.proofmint.cli.Amounts;
import io.proofmint.cli.SuiteOptions;
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

/** `proofmint stake show`: an account's stake, unbonding, balance and allowance. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Show an account's stake, unbonding, balance and allowance.",
      "Prints its role, staked and locked amounts, what is unbonding and when it becomes"
          + " withdrawable, and its stake-token balance and allowance to the stake manager."
          + " Read-only: nothing is signed, and a keystore that records its address needs no"
          + " password."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  proofmint stake show --keystore 0xAb12...",
      "  proofmint stake show --account 0xAb12... --json | jq .unbonding"
    })
public final class StakeShowCommand implements Callable<Integer> {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin SuiteOptions options;

  @Option(
      names = "--account",
      paramLabel = "ADDRESS",
      description = "The account to show (default: the signer's address).")
  String account;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    try (SuiteOptions.Session session = options.reading(account)) {
      StakeView v = StakeView.read(session.suite(), session.account());
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(JSON.writeValueAsString(asJson(v)));
      } else {
        printText(v, out);
      }
      out.flush();
    }
    return 0;
  }

  private static void printText(StakeView v, PrintWriter out) {
    out.println("account " + v.account() + " on chain " + v.chainId());
    out.println(
        "stake manager "
            + v.stakeManager()
            + ", stake token "
            + v.symbol()
            + " "
            + v.token()
            + " ("
            + v.decimals()
            + " decimals)");
    String role =
        v.role()
            .map(
                r ->
                    r
                        + (v.jailed()
                            ? " (jailed: slashed, can never be active again)"
                            : v.active()
                                ? " (active; minimum " + v.amount(v.minStake(r)) + ")"
                                : " (not active: minimum " + v.amount(v.minStake(r)) + ")"))
            .orElse("none yet (the first `stake add --role` fixes it)");
    out.println("  role        " + role);
    out.println(
        "  staked      "
            + v.amount(v.staked())
            + " (locked as task bonds "
            + v.amount(v.locked())
            + ", free "
            + v.amount(v.free())
            + ")");
    out.println("  unbonding   " + unbonding(v));
    out.println("  balance     " + v.amount(v.balance()));
    out.println("  allowance   " + v.amount(v.allowance()) + " (to the stake manager)");
    out.println("  gas         " + Amounts.format(v.gasBalance(), 18) + " ETH");
    out.println(
        "minimum stake: trainer "
            + v.amount(v.minTrainerStake())
            + ", verifier "
            + v.amount(v.minVerifierStake())
            + "; unbonding delay "
            + StakeView.span(v.unbondingDelay())
            + "; chain time "
            + v.chainTime());
  }

  private static String unbonding(StakeView v) {
    if (v.releaseAt().isEmpty()) {
      return "none";
    }
    String at = v.releaseAt().get().toString();
    return v.withdrawableNow()
        ? v.amount(v.unbonding()) + ", withdrawable now (since " + at + ")"
        : v.amount(v.unbonding())
            + ", withdrawable at "
            + at
            + " (in "
            + StakeView.span(Duration.between(v.chainTime(), v.releaseAt().get()))
            + ")";
  }

  private static Map<String, Object> asJson(StakeView v) {
    Map<String, Object> token = new LinkedHashMap<>();
    token.put("address", v.token());
    token.put("symbol", v.symbol());
    token.put("decimals", v.decimals());
    Map<String, Object> unbonding = new LinkedHashMap<>();
    unbonding.put("amount", units(v, v.unbonding()));
    unbonding.put("withdrawableAt", v.releaseAt().map(Object::toString).orElse(null));
    unbonding.put("withdrawableNow", v.withdrawableNow());
    Map<String, Object> min = new LinkedHashMap<>();
    min.put("trainer", units(v, v.minTrainerStake()));
    min.put("verifier", units(v, v.minVerifierStake()));
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("account", v.account());
    o.put("chainId", v.chainId());
    o.put("stakeManager", v.stakeManager());
    o.put("stakeToken", token);
    o.put("role", v.role().map(Object::toString).orElse(null));
    o.put("jailed", v.jailed());
    o.put("active", v.active());
    o.put("staked", units(v, v.staked()));
    o.put("locked", units(v, v.locked()));
    o.put("free", units(v, v.free()));
    o.put("unbonding", unbonding);
    o.put("balance", units(v, v.balance()));
    o.put("allowance", units(v, v.allowance()));
    o.put("gasBalanceEth", Amounts.format(v.gasBalance(), 18));
    o.put("minimumStake", min);
    o.put("unbondingDelaySeconds", v.unbondingDelay().toSeconds());
    o.put("chainTime", v.chainTime().toString());
    return o;
  }

  private static String units(StakeView v, BigInteger baseUnits) {
    return Amounts.format(baseUnits, v.decimals());
  }
}
