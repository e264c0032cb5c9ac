package io.proofmint.cli.demo;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.cli.flow.TaskFlow;
import io.proofmint.cli.settlement.MlpPredictorLoader;
import io.proofmint.protocol.checkpoint.CheckpointFiles;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.settlement.db.Database;
import io.proofmint.settlement.escrow.CachedChannelReader;
import io.proofmint.settlement.escrow.EscrowReader;
import io.proofmint.settlement.escrow.SignedVoucher;
import io.proofmint.settlement.escrow.Voucher;
import io.proofmint.settlement.escrow.VoucherDomain;
import io.proofmint.settlement.holder.HolderAccounts;
import io.proofmint.settlement.index.IndexerConfig;
import io.proofmint.settlement.keeper.KeeperConfig;
import io.proofmint.settlement.keeper.KeeperReport;
import io.proofmint.settlement.keeper.SendHooks;
import io.proofmint.settlement.keeper.SettlementKeeper;
import io.proofmint.settlement.serve.ModelServer;
import io.proofmint.settlement.serve.PredictApi;
import io.proofmint.settlement.serve.Predictor;
import io.proofmint.settlement.serve.ServerConfig;
import io.proofmint.settlement.serve.ServerMetrics;
import io.proofmint.settlement.serve.VoucherVerifier;
import io.proofmint.worker.task.ModelDefinition;
import io.proofmint.wrappers.generated.ModelToken;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.web3j.crypto.Credentials;

/**
 * The demo's revenue stage: the trainer sells half its model tokens, a user prepays the escrow and
 * makes paid calls to the served model (a signed cumulative voucher with each), a settlement keeper
 * redeems the latest voucher in one transaction, and both holders claim their share.
 */
final class SettlementStage {

  /** One holder's claim, with the arithmetic that produced it. */
  record Claim(String holder, String tokens, String supply, String claimed, String arithmetic) {}

  /** What the stage did. */
  record Result(
      int paidCalls,
      int correctPredictions,
      String pricePerCall,
      String redeemed,
      String toHolders,
      String toVerifierPool,
      String toTreasury,
      List<Claim> claims) {}

  private static final BigInteger E6 = BigInteger.TEN.pow(6);
  private static final BigInteger PRICE = BigInteger.valueOf(100_000); // 0.1 mUSD per call
  private static final int CALLS = 20;

  private final TaskFlow flow;
  private final Path dir;
  private final PrintWriter out;

  SettlementStage(TaskFlow flow, Path dir, PrintWriter out) {
    this.flow = flow;
    this.dir = dir;
    this.out = out;
  }

  Result run(
      TrainingStage training,
      TrainingStage.Result trained,
      Examples heldOut,
      Credentials trainer,
      Credentials buyer,
      Credentials user,
      Credentials keeperAccount)
      throws Exception {
    Suite suite = flow.suite();
    String token = trained.modelToken();
    ModelToken asTrainer = suite.as(trainer).modelToken(token);
    BigInteger sold = asTrainer.balanceOf(trainer.getAddress()).send().divide(BigInteger.TWO);
    asTrainer.transfer(buyer.getAddress(), sold).send();
    out.printf("      trainer sold %s PDEMO to %s%n", tokens18(sold), buyer.getAddress());

    BigInteger deposit = E6.multiply(BigInteger.TEN);
    flow.fundPayment(user, deposit);
    Suite asUser = suite.as(user);
    asUser.paymentToken().approve(suite.address(SuiteRoles.USAGE_ESCROW), deposit).send();
    asUser.usageEscrow().deposit(token, deposit).send();
    out.printf(
        "      user %s deposited %s mUSD into the usage escrow%n", user.getAddress(), usd(deposit));

    ModelDefinition model = training.model();
    Path finalCheckpoint =
        Path.of(trained.bundleDir())
            .resolve("checkpoints")
            .resolve(trained.finalCheckpoint().substring(2) + ".ckpt");
    Predictor predictor =
        MlpPredictorLoader.predictor(model, CheckpointFiles.read(finalCheckpoint));
    VoucherDomain vouchers =
        new VoucherDomain(
            suite.chain().chainId(), Address.fromHex(suite.address(SuiteRoles.USAGE_ESCROW)));
    Clock clock = Clock.systemUTC();
    ExecutorService executor = Executors.newFixedThreadPool(2);
    // The stage's server, keeper and indexer share one registry; not the process default, as a
    // JVM may run the demo more than once (DemoCommandIT).
    PrometheusRegistry registry = new PrometheusRegistry();
    int correct = 0;
    KeeperReport report;
    try (Database db = Database.open(Database.h2FileUrl(dir.resolve("settlement-db")));
        ModelServer server =
            ModelServer.start(
                ServerConfig.loopback(PRICE),
                new VoucherVerifier(
                    vouchers,
                    Address.fromHex(token),
                    PRICE,
                    Duration.ofMinutes(10),
                    new CachedChannelReader(
                        new EscrowReader(
                            suite.chain().web3j(), suite.address(SuiteRoles.USAGE_ESCROW)),
                        clock,
                        Duration.ofSeconds(2)),
                    clock),
                predictor,
                db,
                clock,
                executor,
                new ServerMetrics(registry))) {
      HttpClient http = HttpClient.newHttpClient();
      long expiry = flow.latestTimestamp() + 30 * 86_400L;
      int f = heldOut.featureCount();
      for (int call = 1; call <= CALLS; call++) {
        SignedVoucher voucher =
            vouchers.sign(
                Voucher.of(
                    user.getAddress(), token, PRICE.multiply(BigInteger.valueOf(call)), expiry),
                user);
        float[] x = Arrays.copyOfRange(heldOut.features(), call * f, (call + 1) * f);
        HttpResponse<byte[]> response =
            http.send(
                HttpRequest.newBuilder(server.baseUrl().resolve("/v1/predict"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(PredictApi.request(x, voucher)))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
          throw new IllegalStateException(
              "paid call " + call + " refused: " + new String(response.body()));
        }
        if (PredictApi.read(response.body()).get("label").asInt() == heldOut.labels()[call]) {
          correct++;
        }
      }
      out.printf(
          "      %d paid calls to the served model at %s mUSD each (%d of %d predictions right)%n",
          CALLS, usd(PRICE), correct, CALLS);
      try (SettlementKeeper keeper =
          SettlementKeeper.create(
              suite.chain(),
              suite.manifest(),
              keeperAccount,
              db,
              IndexerConfig.withConfirmations(0),
              KeeperConfig.defaults().withRedeem(50, Duration.ZERO),
              clock,
              Executors.newSingleThreadScheduledExecutor(),
              SendHooks.NONE,
              registry)) {
        report = keeper.runOnce();
      }
    } finally {
      executor.shutdownNow();
    }
    BigInteger redeemed = suite.usageEscrow().channel(user.getAddress(), token).send().component2();
    var split = suite.revenueRouter().split(redeemed).send();
    out.printf(
        "      keeper redeemed %d voucher(s) in one transaction: %s mUSD -> holders %s, verifier pool %s, treasury %s%n",
        report.vouchersRedeemed(),
        usd(redeemed),
        usd(split.component1()),
        usd(split.component2()),
        usd(split.component3()));

    ModelToken view = suite.modelToken(token);
    BigInteger supply = view.totalSupply().send();
    List<Claim> claims = new ArrayList<>();
    for (Credentials holder : List.of(trainer, buyer)) {
      // The same calls as `proofmint holder status` and `holder claim`.
      HolderAccounts accounts = new HolderAccounts(suite.as(holder));
      BigInteger balance =
          accounts.position(trained.modelId(), token, holder.getAddress()).balance();
      BigInteger claimed = accounts.claim(token).paid();
      String arithmetic =
          String.format(
              "%s mUSD x %s / %s PDEMO = %s, paid %s (rounded down)",
              usd(split.component1()),
              tokens18(balance),
              tokens18(supply),
              new BigDecimal(split.component1().multiply(balance))
                  .divide(new BigDecimal(supply), 8, java.math.RoundingMode.DOWN)
                  .movePointLeft(6)
                  .stripTrailingZeros()
                  .toPlainString(),
              usd(claimed));
      out.printf("      %s claimed: %s%n", holder.getAddress(), arithmetic);
      claims.add(
          new Claim(
              holder.getAddress(),
              balance.toString(),
              supply.toString(),
              claimed.toString(),
              arithmetic));
    }
    return new Result(
        CALLS,
        correct,
        PRICE.toString(),
        redeemed.toString(),
        split.component1().toString(),
        split.component2().toString(),
        split.component3().toString(),
        claims);
  }

  private static String usd(BigInteger units) {
    return new BigDecimal(units).movePointLeft(6).stripTrailingZeros().toPlainString();
  }

  private static String tokens18(BigInteger units) {
    return new BigDecimal(units).movePointLeft(18).stripTrailingZeros().toPlainString();
  }
}
