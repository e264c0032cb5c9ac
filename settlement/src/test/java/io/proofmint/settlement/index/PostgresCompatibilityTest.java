package io.proofmint.settlement.index;

import static io.proofmint.settlement.index.FakeChain.modelRegistered;
import static io.proofmint.settlement.index.FakeChain.revenuePaid;
import static io.proofmint.settlement.index.FakeChain.taskCreated;
import static io.proofmint.settlement.index.FakeChain.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.settlement.db.Database;
import io.proofmint.settlement.escrow.ChannelKey;
import io.proofmint.settlement.escrow.SignedVoucher;
import io.proofmint.settlement.escrow.Voucher;
import io.proofmint.settlement.escrow.VoucherDomain;
import io.proofmint.settlement.escrow.VoucherInbox;
import io.proofmint.settlement.keeper.Intent;
import io.proofmint.settlement.keeper.IntentJournal;
import io.proofmint.settlement.keeper.IntentKind;
import io.proofmint.settlement.keeper.IntentState;
import java.math.BigInteger;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.web3j.crypto.Credentials;

/**
 * The same SQL on PostgreSQL: set PROOFMINT_TEST_POSTGRES_URL (e.g.
 * jdbc:postgresql://127.0.0.1:55432/settlement?user=pm) to a scratch database; its settlement
 * tables are dropped first. Indexing with a reorg gives exactly the rows H2 gives; the inbox's
 * conditional update holds under concurrent writers; the journal revives a dropped intent.
 */
@EnabledIfEnvironmentVariable(named = "PROOFMINT_TEST_POSTGRES_URL", matches = ".+")
class PostgresCompatibilityTest {

  private static final String URL = System.getenv("PROOFMINT_TEST_POSTGRES_URL");

  @Test
  void indexerInboxAndJournal_behaveAsOnH2() throws Exception {
    dropAll();
    try (Database pg = Database.open(URL);
        Database h2 = Database.open(Database.h2MemoryUrl("pg-compare-" + System.nanoTime()))) {
      FakeChain fake = new FakeChain();
      List<String> pgRows = indexWithReorg(fake, pg);
      indexer(fake, h2).catchUp(10);
      List<String> h2Rows = ChainIndexerTest.dump(h2);
      assertThat(pgRows).isNotEmpty().isEqualTo(h2Rows);

      Credentials user =
          Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
      VoucherDomain domain =
          new VoucherDomain(31337, Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3"));
      Address token = Address.fromHex("0x00000000000000000000000000000000000000a1");
      VoucherInbox inbox = new VoucherInbox();
      List<Future<Boolean>> racers = new ArrayList<>();
      try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
        for (int i = 0; i < 12; i++) {
          SignedVoucher v =
              domain.sign(
                  Voucher.of(
                      user.getAddress(), token.toHex(), BigInteger.valueOf(1_000), 4_000_000_000L),
                  user);
          racers.add(
              pool.submit(
                  () -> {
                    try {
                      return pg.transaction(c -> inbox.store(c, v, BigInteger.valueOf(1_000), 1))
                          .stored();
                    } catch (java.sql.SQLException e) {
                      assertThat(e.getSQLState()).startsWith("23");
                      return false;
                    }
                  }));
        }
      }
      int stored = 0;
      for (Future<Boolean> r : racers) {
        stored += r.get() ? 1 : 0;
      }
      assertThat(stored).as("one of twelve identical first vouchers").isEqualTo(1);
      ChannelKey key = new ChannelKey(Address.fromHex(user.getAddress()), token);
      java.util.Optional<BigInteger> latest = pg.transaction(c -> inbox.latest(c, key));
      assertThat(latest).contains(BigInteger.valueOf(1_000));

      IntentJournal journal = new IntentJournal();
      Intent intent =
          new Intent(
              "0xabc", IntentKind.REDEEM, "0xk", 3, IntentState.PREPARED, 1, List.of("s"), "d");
      pg.transaction(
          c -> {
            journal.record(c, intent);
            return null;
          });
      pg.transaction(
          c -> {
            journal.settle(c, "0xabc", IntentState.DROPPED, null, 2, "gone");
            return null;
          });
      pg.transaction(
          c -> {
            journal.record(c, intent);
            return null;
          });
      assertThat(pg.transaction(journal::blockedSubjects)).containsExactly("s");
    }
  }

  private static final String TOKEN = "0x00000000000000000000000000000000000000a1";
  private static final String ALICE = "0x00000000000000000000000000000000000000b1";
  private static final String BOB = "0x00000000000000000000000000000000000000b2";
  private static final String ZERO = "0x0000000000000000000000000000000000000000";

  private static List<String> indexWithReorg(FakeChain chain, Database db) throws Exception {
    chain.mine(modelRegistered(1, TOKEN, ALICE, "PM1"), transfer(TOKEN, ZERO, ALICE, 1000));
    chain.mine(taskCreated(1, 1, 10));
    chain.mine(transfer(TOKEN, ALICE, BOB, 7), revenuePaid(TOKEN, BOB, 50));
    ChainIndexer indexer = indexer(chain, db);
    indexer.catchUp(10);
    chain.reorgTo(1);
    chain.mine(taskCreated(2, 1, 10));
    chain.mine(transfer(TOKEN, ALICE, BOB, 9));
    chain.mine(revenuePaid(TOKEN, ALICE, 70));
    assertThat(indexer.step().kind()).isEqualTo(IndexOutcome.Kind.ROLLED_BACK);
    indexer.catchUp(10);
    return ChainIndexerTest.dump(db);
  }

  private static ChainIndexer indexer(FakeChain chain, Database db) throws Exception {
    return new ChainIndexer(
        chain,
        db,
        FakeChain.target(),
        IndexerConfig.withConfirmations(0),
        new IndexerMetrics(new PrometheusRegistry()));
  }

  private static void dropAll() throws Exception {
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(URL);
        Statement s = c.createStatement()) {
      for (String table :
          List.of(
              "schema_version",
              "index_meta",
              "index_cursor",
              "recent_blocks",
              "models",
              "task_events",
              "token_transfers",
              "revenue_claims",
              "revenue_payments",
              "escrow_deposits",
              "voucher_redemptions",
              "voucher_skips",
              "voucher_inbox",
              "keeper_intents",
              "keeper_intent_subjects")) {
        s.execute("DROP TABLE IF EXISTS " + table);
      }
    }
  }
}
