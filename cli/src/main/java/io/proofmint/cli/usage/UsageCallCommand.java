package io.proofmint.cli.usage;

import io.proofmint.cli.AmountArgument;
import io.proofmint.cli.CommandOutput;
import io.proofmint.cli.SuiteOptions;
import io.proofmint.cli.settlement.DurationConverter;
import io.proofmint.settlement.escrow.SignedVoucher;
import io.proofmint.settlement.escrow.Voucher;
import io.proofmint.settlement.escrow.VoucherDomain;
import io.proofmint.settlement.serve.PredictApi;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `proofmint usage call`: one paid call to a model server, with the next cumulative voucher. */
@Command(
    name = "call",
    mixinStandardHelpOptions = true,
    description = {
      "Call a served model and pay for it with a signed voucher.",
      "Asks the server (GET /v1/model) its price and checks it serves this model on this chain"
          + " and escrow, signs the next cumulative voucher (the amount signed so far plus the"
          + " price), records that amount in the local voucher state, then POSTs the features"
          + " with it and prints the label, the scores and what the call cost.",
      "The amount is recorded before it is sent, so a crash never makes the client sign a lower"
          + " one. A call the server refused (or whose answer never came) is retried at the same"
          + " amount by the next call; if the server already holds it, the client moves one price"
          + " up. The chain's redeemed total is the floor when the state file is lost.",
      "Refused without signing when the channel cannot cover the call; a call the server refuses"
          + " prints its reason. Both exit 1 and cost nothing."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  proofmint usage call --model 0xMODEL --server http://127.0.0.1:8550 \\",
      "      --features 0.1,2.5,0.3 --keystore 0xAb12... --password-file pw",
      "  proofmint usage call --model 0xMODEL --server $URL --features-file x.json"
    })
public final class UsageCallCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(UsageCallCommand.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin UsageOptions options;

  @Option(
      names = "--server",
      required = true,
      paramLabel = "URL",
      description = "Base URL of the model server (`proofmint serve`), e.g. http://host:8550.")
  URI server;

  static final class Input {
    @Option(
        names = "--features",
        paramLabel = "X1,X2,...",
        description = "The model input: numbers separated by commas.")
    String list;

    @Option(
        names = "--features-file",
        paramLabel = "FILE",
        description = "The model input from a file: a JSON array of numbers, or CSV.")
    Path file;
  }

  @ArgGroup(multiplicity = "1")
  Input input;

  @Option(
      names = "--voucher-lifetime",
      paramLabel = "DURATION",
      defaultValue = "1d",
      converter = DurationConverter.class,
      description =
          "How long the voucher stays redeemable (default: ${DEFAULT-VALUE}); at least the"
              + " server's minimum (1h by default), with time left for the keeper to redeem it.")
  Duration lifetime;

  @Option(
      names = "--max-price",
      paramLabel = "AMOUNT",
      description =
          "Refuse (nothing signed) if the server asks more than AMOUNT per call, in token units.")
  String maxPrice;

  @Option(
      names = "--accept-server-floor",
      description =
          "When the server says it already holds vouchers above the local state (the state file"
              + " was lost, or another client signs for this account), sign one price above its"
              + " amount once. Without it such a call is refused.")
  boolean acceptServerFloor;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "How long to wait for the server (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws Exception {
    if (maxPrice != null) {
      AmountArgument.checkForm(spec, maxPrice);
    }
    if (lifetime.isNegative() || lifetime.isZero()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--voucher-lifetime: expected a duration above 0, got " + lifetime);
    }
    float[] features;
    try {
      features = input.list != null ? Features.parseList(input.list) : Features.read(input.file);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    String model = options.model(spec);
    try (SuiteOptions.Session session = options.suite.signing()) {
      var suite = session.suite();
      ChannelView v = ChannelView.read(suite, model, session.account());
      Optional<String> unknown = v.refuseUnknownModel();
      if (unknown.isPresent()) {
        return CommandOutput.refuse(spec, unknown.get());
      }
      ModelServerClient client = new ModelServerClient(server, timeout);
      ModelServerClient.Terms terms = client.terms();
      Optional<String> mismatch = mismatch(v, terms);
      if (mismatch.isPresent()) {
        return CommandOutput.refuse(spec, mismatch.get());
      }
      BigInteger price = terms.price();
      if (maxPrice != null) {
        BigInteger max = AmountArgument.toBaseUnits(spec, maxPrice, v.decimals());
        if (price.compareTo(max) > 0) {
          return CommandOutput.refuse(
              spec,
              "server "
                  + server
                  + " asks "
                  + v.amount(price)
                  + " per call, above --max-price "
                  + v.amount(max));
        }
      }
      VoucherStateFile file = UsageOptions.stateFile(v);
      VoucherState state = file.readOrEmpty();
      VoucherDomain domain = new VoucherDomain(v.chainId(), v.escrow());
      BigInteger cumulative = state.next(price, v.channel().redeemed());
      boolean retried = false;
      while (true) {
        BigInteger owed = cumulative.subtract(v.channel().redeemed());
        if (owed.compareTo(v.channel().spendable()) > 0) {
          return CommandOutput.refuse(
              spec,
              "usage call: the channel cannot pay for this call: a voucher for "
                  + v.amount(cumulative)
                  + " would owe "
                  + v.amount(owed)
                  + " beyond the "
                  + v.amount(v.channel().redeemed())
                  + " redeemed, the channel can pay "
                  + v.amount(v.channel().spendable())
                  + (v.closing() ? " (a withdrawal is pending)" : "")
                  + "; deposit more (`proofmint usage deposit`). Nothing was signed");
        }
        SignedVoucher signed =
            domain.sign(
                new Voucher(
                    v.user(),
                    v.model(),
                    cumulative,
                    BigInteger.valueOf(clock.instant().plus(lifetime).getEpochSecond())),
                suite.account());
        state = state.signedUpTo(cumulative);
        file.write(
            state, PredictApi.voucherJson(signed)); // before sending: never reuse a lower amount
        LOG.info("calling {} with a voucher for {}", server, cumulative);
        ModelServerClient.Answer answer = client.predict(features, signed);
        if (answer.paid()) {
          state = state.confirmedUpTo(cumulative);
          file.write(state, PredictApi.voucherJson(signed));
          print(v, answer, state);
          return 0;
        }
        Optional<BigInteger> required = answer.required(price);
        if (!retried
            && required.isPresent()
            && required.get().compareTo(cumulative) > 0
            && (required.get().compareTo(cumulative.add(price)) <= 0 || acceptServerFloor)) {
          // The server holds a voucher up to required - price: ours whose answer was lost (one
          // price above what we sent), or, with --accept-server-floor, whatever it names.
          LOG.info(
              "server holds vouchers up to {}; signing {}",
              required.get().subtract(price),
              required.get());
          state = state.serverHolds(required.get().subtract(price));
          cumulative = required.get();
          retried = true;
          continue;
        }
        return CommandOutput.refuseNothingCharged(
            spec,
            "server "
                + server
                + " refused the call ("
                + answer.status()
                + " "
                + answer.reason()
                + "): "
                + answer.message()
                + (required.isPresent() && !acceptServerFloor
                    ? "; it asks for "
                        + v.amount(required.get())
                        + ", above the local state: pass --accept-server-floor to sign that"
                    : "; the next call signs " + v.amount(cumulative) + " again"));
      }
    }
  }

  private Optional<String> mismatch(ChannelView v, ModelServerClient.Terms terms) {
    if (!terms.modelToken().equals(v.model())) {
      return Optional.of(
          "server "
              + server
              + " serves model token "
              + terms.modelToken().toChecksumHex()
              + ", not "
              + v.model().toChecksumHex()
              + "; nothing was signed");
    }
    if (terms.chainId() != v.chainId() || !terms.escrow().equals(v.escrow())) {
      return Optional.of(
          "server "
              + server
              + " takes vouchers for escrow "
              + terms.escrow().toChecksumHex()
              + " on chain "
              + terms.chainId()
              + ", this deployment's escrow is "
              + v.escrow().toChecksumHex()
              + " on chain "
              + v.chainId()
              + "; nothing was signed");
    }
    if (terms.price().signum() <= 0) {
      return Optional.of("server " + server + " names price " + terms.price() + ": expected > 0");
    }
    return Optional.empty();
  }

  private void print(ChannelView v, ModelServerClient.Answer answer, VoucherState state) {
    PrintWriter out = spec.commandLine().getOut();
    StringBuilder scores = new StringBuilder();
    for (float s : answer.scores()) {
      scores.append(scores.isEmpty() ? "" : ", ").append(s);
    }
    out.println("label " + answer.label() + "  scores [" + scores + "]");
    out.println(
        "paid "
            + v.amount(answer.cumulative().subtract(answer.previous()))
            + " for this call; signed so far "
            + v.amount(state.signed())
            + " (redeemed on chain "
            + v.amount(v.channel().redeemed())
            + "); the channel can pay "
            + v.amount(v.remaining(state))
            + " more");
    out.flush();
  }
}
