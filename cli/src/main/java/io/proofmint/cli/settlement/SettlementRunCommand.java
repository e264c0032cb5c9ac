package io.proofmint.cli.settlement;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.cli.ChainOptions;
import io.proofmint.cli.LoggingMixin;
import io.proofmint.cli.SignerOptions;
import io.proofmint.cli.Workspace;
import io.proofmint.cli.config.ConfigOption;
import io.proofmint.devnet.ExternalNode;
import io.proofmint.settlement.db.Database;
import io.proofmint.settlement.index.IndexerConfig;
import io.proofmint.settlement.keeper.KeeperConfig;
import io.proofmint.settlement.keeper.KeeperReport;
import io.proofmint.settlement.keeper.SendHooks;
import io.proofmint.settlement.keeper.SettlementKeeper;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.DeploymentManifest;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `proofmint settlement run`: the keeper daemon. */
@Command(
    name = "run",
    footer = {
      "",
      "Example:",
      "  proofmint settlement run --rpc http://127.0.0.1:8545 \\",
      "      --keystore keeper.json  # daemon",
      "  proofmint settlement run --once --rpc http://127.0.0.1:8545 \\",
      "      --keystore keeper.json  # one pass, for cron"
    },
    mixinStandardHelpOptions = true,
    description =
        "Run the settlement keeper until interrupted: each pass indexes the chain into the database, finalizes tasks past their challenge window, pays their attesters, expires tasks past their deadlines and redeems the vouchers model servers stored. Every action is permissionless; the signer pays the gas. Safe to stop and restart at any time: sent transactions are journaled and checked against the chain, nothing is paid twice.")
public final class SettlementRunCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOption config;
  @Mixin LoggingMixin logging;
  @Mixin ChainOptions chainOptions;
  @Mixin SignerOptions signerOptions;
  @Mixin ManifestOption manifestOption;
  @Mixin DatabaseOption databaseOption;
  @Mixin KeeperOptions keeperOptions;

  @Option(
      names = "--once",
      description = "Run one pass, print what it did, and exit (for cron jobs and scripts).")
  boolean once;

  @Option(
      names = "--reindex",
      description =
          "Drop the index and rebuild it from the deployment block (after a reorg deeper than the"
              + " remembered blocks). Stored vouchers and the transaction journal are kept.")
  boolean reindex;

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
    ExternalNode node = chainOptions.connect(workspace);
    DeploymentManifest manifest = DeploymentManifest.read(manifestOption.resolve(workspace));
    KeeperConfig config = keeperOptions.keeperConfig();
    IndexerConfig indexerConfig = keeperOptions.indexerConfig(node.chainId());
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "settlement-keeper"));
    try (ChainConnection chain =
            ChainConnection.open(node.rpcUrl(), OptionalLong.of(node.chainId()));
        Database db = Database.open(databaseOption.resolve(workspace))) {
      SettlementKeeper keeper =
          SettlementKeeper.create(
              chain,
              manifest,
              signerOptions.resolve(node),
              db,
              indexerConfig,
              config,
              Clock.systemUTC(),
              executor,
              SendHooks.NONE,
              PrometheusRegistry.defaultRegistry);
      if (reindex) {
        keeper.indexer().reset();
      }
      out.printf(
          "settlement keeper %s on chain %d (%s)%n  registry %s, database %s%n"
              + "  confirmations %d, a pass every %d ms, redeem batches of %d%n",
          keeper.sender(),
          chain.chainId(),
          node.rpcUrl(),
          keeper.indexer().target().registry(),
          db.describe(),
          indexerConfig.confirmations(),
          config.pollInterval().toMillis(),
          config.redeemBatch());
      out.flush();
      if (once) {
        KeeperReport report = keeper.runOnce();
        out.println(report);
        return;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Thread hook =
          new Thread(
              () -> {
                keeper.close();
                executor.shutdown();
                stopped.countDown();
              },
              "settlement-keeper-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      out.println("running; Ctrl-C stops");
      out.flush();
      keeper.start(
          report -> {
            out.println(java.time.Instant.now() + " " + report);
            out.flush();
          });
      stopped.await();
      executor.awaitTermination(30, TimeUnit.SECONDS);
    } finally {
      executor.shutdownNow();
    }
  }
}
