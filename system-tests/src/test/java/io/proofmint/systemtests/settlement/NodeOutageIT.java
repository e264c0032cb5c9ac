package io.proofmint.systemtests.settlement;

import static io.proofmint.systemtests.settlement.SettlementFixture.E18;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.cli.flow.TaskFlow;
import io.proofmint.settlement.db.Database;
import io.proofmint.settlement.index.IndexerConfig;
import io.proofmint.settlement.keeper.Intent;
import io.proofmint.settlement.keeper.IntentKind;
import io.proofmint.settlement.keeper.KeeperConfig;
import io.proofmint.settlement.keeper.SendHooks;
import io.proofmint.settlement.keeper.SettlementKeeper;
import io.proofmint.testsupport.fault.TcpProxy;
import io.proofmint.wrappers.ChainConnection;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The running keeper reaches the node through a TCP proxy that the test stops and starts: while the
 * node is unreachable passes fail and are retried; the keeper recovers by itself. Once between
 * passes, and once in the middle of a send (the proxy stops right after the finalize left, so its
 * receipt cannot be read until the node is back): each task is finalized and paid exactly once.
 */
class NodeOutageIT {

  @TempDir Path dir;

  @Test
  void unreachableNode_passesFailAndRecover_withoutDoublePaying() throws Exception {
    try (SettlementFixture f = SettlementFixture.start("NodeOutageIT", dir, 16);
        TcpProxy proxy = new TcpProxy(f.devnet.port()).start();
        ChainConnection viaProxy =
            ChainConnection.open(
                URI.create("http://127.0.0.1:" + proxy.port()), OptionalLong.of(31337));
        Database db = Database.open(Database.h2FileUrl(dir.resolve("db")))) {
      TaskFlow.Model model = f.registerModel("PO", E18.multiply(BigInteger.valueOf(1000)));
      BigInteger reward = E18.multiply(BigInteger.valueOf(500));
      BigInteger fee = E18.multiply(BigInteger.valueOf(30));
      BigInteger first = f.attestedTask(model, 0, reward, fee);
      BigInteger second = f.attestedTask(model, 1, reward, fee);
      ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
      SendHooks cutAfterFinalize =
          new SendHooks() {
            private boolean done;

            @Override
            public void afterBroadcast(Intent intent) {
              if (!done && intent.kind() == IntentKind.FINALIZE) {
                done = true;
                proxy.stop(); // the node drops off right after taking the transaction
                executor.schedule(
                    () -> restart(proxy), 1500, java.util.concurrent.TimeUnit.MILLISECONDS);
              }
            }
          };
      SettlementKeeper keeper =
          SettlementKeeper.create(
              viaProxy,
              f.manifest,
              f.keeper(),
              db,
              IndexerConfig.withConfirmations(0),
              KeeperConfig.defaults()
                  .withPollInterval(Duration.ofMillis(200))
                  .withRedeem(50, Duration.ZERO),
              Clock.systemUTC(),
              executor,
              cutAfterFinalize,
              new PrometheusRegistry());
      try {
        keeper.start();
        awaitTrue(() -> keeper.metrics().passes() >= 2, "two passes");

        proxy.stop();
        f.advance(SettlementFixture.WINDOW + 10); // both tasks due while the node is unreachable
        long failedBefore = keeper.metrics().failedPasses();
        awaitTrue(() -> keeper.metrics().failedPasses() >= failedBefore + 2, "failed passes");
        assertThat(keeper.healthy()).isFalse();
        assertThat(f.task(first).status.intValue()).isEqualTo(4); // still Attested

        proxy.start();
        awaitTrue(
            () -> paid(f, first) && paid(f, second), "both tasks finalized and attesters paid");
        awaitTrue(keeper::healthy, "keeper healthy again");
      } finally {
        keeper.close();
        executor.shutdownNow();
      }
      assertThat(f.nonce(f.keeper()))
          .as("2 finalizes + 2 reward payments, nothing more")
          .isEqualTo(4);
      assertThat(f.admin.modelToken(model.token()).balanceOf(f.trainer(0).getAddress()).send())
          .isEqualTo(reward);
    }
  }

  private static void restart(TcpProxy proxy) {
    try {
      proxy.start();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean paid(SettlementFixture f, BigInteger task) {
    try {
      return f.task(task).attesterRewardsPaid;
    } catch (Exception e) {
      return false;
    }
  }

  private static void awaitTrue(BooleanSupplier condition, String what)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(50);
    }
  }
}
