package io.proofmint.systemtests.settlement;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.settlement.db.Database;
import io.proofmint.settlement.index.IndexerConfig;
import io.proofmint.settlement.keeper.Intent;
import io.proofmint.settlement.keeper.IntentKind;
import io.proofmint.settlement.keeper.KeeperConfig;
import io.proofmint.settlement.keeper.SendHooks;
import io.proofmint.settlement.keeper.SettlementKeeper;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.DevnetAccounts;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;

/**
 * A keeper in its own JVM for {@link KeeperCrashIT}: one pass that kills the JVM ({@code
 * Runtime.halt}, no shutdown hooks, no database close) at the chosen point of the first send of the
 * chosen kind. Arguments: RPC URL, manifest file, JDBC URL, {@code before:KIND} or {@code
 * after:KIND}.
 */
public final class KeeperCrashHarness {

  static final int CRASH_EXIT = 86;

  private KeeperCrashHarness() {}

  public static void main(String[] args) throws Exception {
    String[] point = args[3].split(":");
    boolean before = point[0].equals("before");
    IntentKind kind = IntentKind.valueOf(point[1]);
    SendHooks hooks =
        new SendHooks() {
          @Override
          public void beforeBroadcast(Intent intent) {
            if (before && intent.kind() == kind) {
              crash(intent);
            }
          }

          @Override
          public void afterBroadcast(Intent intent) {
            if (!before && intent.kind() == kind) {
              crash(intent);
            }
          }
        };
    try (ChainConnection chain = ChainConnection.open(URI.create(args[0]), OptionalLong.of(31337));
        Database db = Database.open(args[2])) {
      SettlementKeeper keeper =
          SettlementKeeper.create(
              chain,
              DeploymentManifest.read(Path.of(args[1])),
              DevnetAccounts.anvil(16).get(8),
              db,
              IndexerConfig.withConfirmations(0),
              KeeperConfig.defaults().withRedeem(50, Duration.ZERO),
              Clock.systemUTC(),
              Executors.newSingleThreadScheduledExecutor(),
              hooks,
              PrometheusRegistry.defaultRegistry);
      System.out.println("PASS " + keeper.runOnce());
    }
    System.exit(0);
  }

  private static void crash(Intent intent) {
    System.out.println("CRASH " + intent.kind() + " " + intent.txHash());
    System.out.flush();
    Runtime.getRuntime().halt(CRASH_EXIT);
  }
}
