package io.proofmint.cli.settlement;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.cli.ChainOptions;
import io.proofmint.cli.LoggingMixin;
import io.proofmint.cli.Workspace;
import io.proofmint.cli.config.ConfigOption;
import io.proofmint.devnet.ExternalNode;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.settlement.db.Database;
import io.proofmint.settlement.escrow.CachedChannelReader;
import io.proofmint.settlement.escrow.EscrowReader;
import io.proofmint.settlement.escrow.VoucherDomain;
import io.proofmint.settlement.serve.ArgmaxPredictor;
import io.proofmint.settlement.serve.ModelServer;
import io.proofmint.settlement.serve.Predictor;
import io.proofmint.settlement.serve.PredictorLoader;
import io.proofmint.settlement.serve.PredictorSource;
import io.proofmint.settlement.serve.ServerConfig;
import io.proofmint.settlement.serve.ServerMetrics;
import io.proofmint.settlement.serve.VoucherVerifier;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.generated.RevenueRouter;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.web3j.tx.ReadonlyTransactionManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `proofmint serve MODEL`: pay-per-call inference for one model token. The predictor comes from a
 * {@link PredictorLoader}: the one passed to {@link #ServeCommand(PredictorLoader)}, else the first
 * registered with {@link java.util.ServiceLoader}; without {@code --checkpoint} the trivial {@link
 * ArgmaxPredictor} serves.
 */
@Command(
    name = "serve",
    footer = {
      "",
      "Example:",
      "  proofmint serve 0xMODELTOKEN --price 1000 --checkpoint final.ckpt \\",
      "      --model-definition model.json --keystore server.json"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Serve a model for pay-per-call over HTTP: POST /v1/predict with JSON features and a voucher signed by the caller (EIP-712, cumulative amount, see docs/settlement.md). Each voucher is checked (signature, model, expiry, +price over the last one, escrow balance) and stored in the settlement database, from which `proofmint settlement run` redeems it.",
      "Also GET /v1/model (price and signing domain), /metrics and /health."
    })
public final class ServeCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOption config;
  @Mixin LoggingMixin logging;
  @Mixin ChainOptions chainOptions;
  @Mixin ManifestOption manifestOption;
  @Mixin DatabaseOption databaseOption;

  @Parameters(
      index = "0",
      paramLabel = "MODEL",
      description = "The model token address to serve (as registered with the RevenueRouter).")
  String model;

  @Option(
      names = "--price",
      paramLabel = "UNITS",
      defaultValue = "1000",
      description =
          "Payment-asset base units each call must add to the voucher's cumulative amount"
              + " (default: ${DEFAULT-VALUE}, 0.001 of a 6-decimal asset).")
  BigInteger price;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, loopback only).")
  String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "8550",
      description = "TCP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--min-voucher-lifetime",
      paramLabel = "DURATION",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description =
          "A voucher must stay redeemable at least this long, so the keeper can redeem it"
              + " (default: ${DEFAULT-VALUE}).")
  Duration minLifetime;

  @Option(
      names = "--channel-cache",
      paramLabel = "DURATION",
      defaultValue = "2s",
      converter = DurationConverter.class,
      description =
          "How long an escrow channel read from the chain is reused (default: ${DEFAULT-VALUE}).")
  Duration channelCache;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "8",
      description = "Request threads (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--checkpoint",
      paramLabel = "FILE",
      description =
          "The model checkpoint to serve, loaded by the installed predictor loader. Without it"
              + " a trivial model answers (class = the largest feature, scores = softmax), to try"
              + " payments end to end.")
  Path checkpoint;

  @Option(
      names = "--model-definition",
      paramLabel = "FILE",
      description =
          "The model definition (JSON) the checkpoint belongs to, if the loader needs it.")
  Path modelDefinition;

  private final PredictorLoader loader;

  /** Uses the predictor loader registered with {@link java.util.ServiceLoader}, if any. */
  public ServeCommand() {
    this(PredictorLoader.discover().orElse(null));
  }

  /** Serves with {@code loader} turning {@code --checkpoint} into a predictor (null: none). */
  public ServeCommand(PredictorLoader loader) {
    this.loader = loader;
  }

  @Override
  public void run() {
    try {
      execute();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new CommandLine.ExecutionException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private void execute() throws Exception {
    Workspace workspace = Workspace.locate();
    PrintWriter out = spec.commandLine().getOut();
    Address token = Address.fromHex(model);
    Predictor predictor = predictor();
    ExternalNode node = chainOptions.connect(workspace);
    DeploymentManifest manifest = DeploymentManifest.read(manifestOption.resolve(workspace));
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try (ChainConnection chain =
            ChainConnection.open(node.rpcUrl(), OptionalLong.of(node.chainId()));
        Database db = Database.open(databaseOption.resolve(workspace))) {
      requireModelToken(chain, manifest, token);
      String escrow = manifest.contract(SuiteRoles.USAGE_ESCROW).address();
      Clock clock = Clock.systemUTC();
      VoucherVerifier verifier =
          new VoucherVerifier(
              new VoucherDomain(chain.chainId(), Address.fromHex(escrow)),
              token,
              price,
              minLifetime,
              new CachedChannelReader(new EscrowReader(chain.web3j(), escrow), clock, channelCache),
              clock);
      ServerConfig config = new ServerConfig(host, port, price, minLifetime, channelCache, 1 << 20);
      try (ModelServer server =
          ModelServer.start(
              config,
              verifier,
              predictor,
              db,
              clock,
              executor,
              new ServerMetrics(PrometheusRegistry.defaultRegistry))) {
        out.printf(
            "serving %s at %s/v1/predict for %s base units a call%n"
                + "  escrow %s on chain %d, vouchers stored in %s%n"
                + "  predictor: %s%nCtrl-C stops%n",
            token,
            server.baseUrl(),
            price,
            escrow,
            chain.chainId(),
            db.describe(),
            checkpoint == null ? "trivial (argmax of the features)" : checkpoint);
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "serve-stop"));
        stopped.await();
      }
    } finally {
      executor.shutdownNow();
    }
  }

  private Predictor predictor() throws IOException {
    if (checkpoint == null) {
      return new ArgmaxPredictor();
    }
    if (loader == null) {
      throw new IllegalStateException(
          "--checkpoint "
              + checkpoint
              + ": no predictor loader is installed to read it (a module providing"
              + " io.proofmint.settlement.serve.PredictorLoader must be on the class path);"
              + " omit --checkpoint to serve the trivial model");
    }
    return loader.load(
        new PredictorSource(model, checkpoint, Optional.ofNullable(modelDefinition)));
  }

  private static void requireModelToken(
      ChainConnection chain, DeploymentManifest manifest, Address token) throws Exception {
    RevenueRouter router =
        RevenueRouter.load(
            manifest.contract(SuiteRoles.REVENUE_ROUTER).address(),
            chain.web3j(),
            new ReadonlyTransactionManager(chain.web3j(), token.toHex()),
            chain.gasProvider());
    if (!router.isModelToken(token.toHex()).send()) {
      throw new IllegalArgumentException(
          "MODEL " + token + " is not a model token of this deployment's RevenueRouter");
    }
  }
}
