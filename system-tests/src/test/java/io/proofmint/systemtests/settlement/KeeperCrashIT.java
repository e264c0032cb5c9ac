package io.proofmint.systemtests.settlement;

import static io.proofmint.systemtests.settlement.SettlementFixture.E18;
import static io.proofmint.systemtests.settlement.SettlementFixture.E6;
import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.cli.flow.TaskFlow;
import io.proofmint.devnet.ProofmintHome;
import io.proofmint.settlement.db.Database;
import io.proofmint.settlement.keeper.Intent;
import io.proofmint.settlement.keeper.IntentJournal;
import io.proofmint.settlement.keeper.IntentKind;
import io.proofmint.settlement.keeper.IntentState;
import io.proofmint.settlement.keeper.KeeperReport;
import io.proofmint.settlement.keeper.SendHooks;
import io.proofmint.wrappers.generated.ModelToken;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * The keeper is killed (a separate JVM halted: no shutdown hooks, no database close) at each point
 * of a send, then restarted on the same database: nothing is paid twice and nothing is lost.
 *
 * <ol>
 *   <li>after a finalize was broadcast, before its outcome was recorded: the restart reconciles the
 *       intent from its receipt and does not send it again;
 *   <li>after the intent was recorded, before the broadcast: the restart finds the node does not
 *       know it, drops it, and sends the finalize once;
 *   <li>after a redeem was broadcast, with the journal then lost: the chain alone (the channel's
 *       redeemed total) keeps the restarted keeper from redeeming again.
 * </ol>
 */
class KeeperCrashIT {

  @TempDir Path dir;

  @Test
  void killedKeeper_neverPaysTwice() throws Exception {
    String dbUrl = Database.h2FileUrl(dir.resolve("db"));
    try (SettlementFixture f = SettlementFixture.start("KeeperCrashIT", dir, 16)) {
      TaskFlow.Model model = f.registerModel("PC", E18.multiply(BigInteger.valueOf(1000)));
      BigInteger reward = E18.multiply(BigInteger.valueOf(500));
      BigInteger fee = E18.multiply(BigInteger.valueOf(30));
      ModelToken token = f.admin.modelToken(model.token());
      String trainer = f.trainer(0).getAddress();

      // 1. Killed after broadcasting the finalize.
      BigInteger first = f.attestedTask(model, 0, reward, fee);
      f.advance(SettlementFixture.WINDOW + 10);
      assertThat(runCrashing(f, dbUrl, "after:FINALIZE")).startsWith("CRASH FINALIZE");
      assertThat(f.task(first).status.intValue()).as("the finalize was mined").isEqualTo(7);
      assertThat(f.nonce(f.keeper())).isEqualTo(1);
      try (Database db = Database.open(dbUrl)) {
        assertThat(intents(db))
            .singleElement()
            .satisfies(i -> assertState(i, IntentState.PREPARED));
        KeeperReport restart = f.keeper(db, SendHooks.NONE).runOnce();
        assertThat(restart.reconciled()).isEqualTo(1);
        assertThat(restart.finalized()).isZero();
        assertThat(restart.rewardsPaid()).isEqualTo(1);
        assertThat(intents(db).get(0).state()).isEqualTo(IntentState.MINED);
      }
      assertThat(token.balanceOf(trainer).send()).isEqualTo(reward);
      assertThat(f.nonce(f.keeper())).as("finalize once, attesters once").isEqualTo(2);

      // 2. Killed after recording the finalize, before broadcasting it.
      BigInteger second = f.attestedTask(model, 0, reward, fee);
      f.advance(SettlementFixture.WINDOW + 10);
      assertThat(runCrashing(f, dbUrl, "before:FINALIZE")).startsWith("CRASH FINALIZE");
      assertThat(f.task(second).status.intValue()).as("nothing was sent").isEqualTo(4);
      try (Database db = Database.open(dbUrl)) {
        KeeperReport restart = f.keeper(db, SendHooks.NONE).runOnce();
        assertThat(restart.reconciled()).as("dropped: the node never saw it").isEqualTo(1);
        assertThat(restart.finalized()).isEqualTo(1);
        // Exactly one finalize of task 2 was mined. (Signing is deterministic: with unchanged
        // fees the finalize decided again is the very transaction recorded, and is revived.)
        assertThat(intents(db))
            .filteredOn(i -> i.subjects().contains("task:" + second))
            .filteredOn(i -> i.kind() == IntentKind.FINALIZE && i.state() == IntentState.MINED)
            .hasSize(1);
      }
      assertThat(token.balanceOf(trainer).send()).isEqualTo(reward.multiply(BigInteger.TWO));
      assertThat(f.nonce(f.keeper())).isEqualTo(4);

      // 3. Killed after broadcasting a redeem; then the journal is lost too.
      Credentials alice = f.user(0);
      f.deposit(alice, model.token(), E6.multiply(BigInteger.TEN));
      BigInteger treasuryBefore = f.admin.paymentToken().balanceOf(f.treasury()).send();
      try (Database db = Database.open(dbUrl)) {
        f.inbox(db, f.voucher(alice, model.token(), E6.multiply(BigInteger.valueOf(4))));
      }
      assertThat(runCrashing(f, dbUrl, "after:REDEEM")).startsWith("CRASH REDEEM");
      assertThat(f.redeemed(alice, model.token())).isEqualTo(E6.multiply(BigInteger.valueOf(4)));
      try (Database db = Database.open(dbUrl)) {
        db.transaction(
            c -> {
              try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM keeper_intent_subjects");
                return s.executeUpdate("DELETE FROM keeper_intents");
              }
            });
        KeeperReport restart = f.keeper(db, SendHooks.NONE).runOnce();
        assertThat(restart.batches()).isZero();
      }
      assertThat(f.nonce(f.keeper())).as("no second redeem was sent").isEqualTo(5);
      assertThat(f.redeemed(alice, model.token())).isEqualTo(E6.multiply(BigInteger.valueOf(4)));
      assertThat(f.admin.paymentToken().balanceOf(f.treasury()).send().subtract(treasuryBefore))
          .as("the treasury's 10% of 4 mUSD, once")
          .isEqualTo(BigInteger.valueOf(400_000));
    }
  }

  private static void assertState(Intent intent, IntentState state) {
    assertThat(intent.state()).isEqualTo(state);
    assertThat(intent.kind()).isEqualTo(IntentKind.FINALIZE);
  }

  private static List<Intent> intents(Database db) throws Exception {
    return db.transaction(new IntentJournal()::all);
  }

  /** Runs the harness until it halts; returns its CRASH line. */
  private static String runCrashing(SettlementFixture f, String dbUrl, String point)
      throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process child =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dproofmint.home=" + ProofmintHome.locate(),
                KeeperCrashHarness.class.getName(),
                f.devnet.rpcUrl().toString(),
                f.manifestFile.toString(),
                dbUrl,
                point)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String crash = null;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("CRASH ")) {
          crash = line;
        }
      }
    }
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(child.exitValue())
        .as("harness exit (crash line %s)", crash)
        .isEqualTo(KeeperCrashHarness.CRASH_EXIT);
    return crash;
  }
}
