package io.proofmint.settlement.index;

import static io.proofmint.settlement.index.FakeChain.modelRegistered;
import static io.proofmint.settlement.index.FakeChain.revenuePaid;
import static io.proofmint.settlement.index.FakeChain.taskCreated;
import static io.proofmint.settlement.index.FakeChain.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.settlement.db.Database;
import io.proofmint.settlement.db.Schema;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChainIndexerTest {

  private static final String TOKEN = "0x00000000000000000000000000000000000000a1";
  private static final String ALICE = "0x00000000000000000000000000000000000000b1";
  private static final String BOB = "0x00000000000000000000000000000000000000b2";
  private static final String ZERO = "0x0000000000000000000000000000000000000000";

  private final FakeChain chain = new FakeChain();
  private Database db;

  @BeforeEach
  void open() throws Exception {
    db = Database.open(Database.h2MemoryUrl("indexer-" + System.nanoTime()));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void step_indexesRegistryRouterAndTokenEvents_withTheCursorAtTheLastBlock() throws Exception {
    chain.mine(modelRegistered(1, TOKEN, ALICE, "PM1"), transfer(TOKEN, ZERO, ALICE, 1000));
    chain.mine(taskCreated(1, 1, 500));
    chain.mine(transfer(TOKEN, ALICE, BOB, 400), revenuePaid(TOKEN, BOB, 100));
    ChainIndexer indexer = indexer(0);

    IndexOutcome outcome = indexer.step();

    assertThat(outcome.kind()).isEqualTo(IndexOutcome.Kind.ADVANCED);
    assertThat(outcome.toBlock()).isEqualTo(3);
    assertThat(outcome.rows()).isEqualTo(5);
    assertThat(count("models")).isEqualTo(1);
    assertThat(count("token_transfers")).isEqualTo(2);
    assertThat(count("task_events")).isEqualTo(1);
    assertThat(count("revenue_payments")).isEqualTo(1);
    assertThat(cursor()).isEqualTo(chain.ref(3));
    assertThat(indexer.step().kind()).isEqualTo(IndexOutcome.Kind.UP_TO_DATE);
  }

  @Test
  void confirmations_leaveTheNewestBlocksAlone() throws Exception {
    for (int i = 1; i <= 5; i++) {
      chain.mine(taskCreated(i, 1, 10));
    }
    ChainIndexer indexer = indexer(2);

    indexer.catchUp(10);

    assertThat(cursor().number()).isEqualTo(3);
    assertThat(count("task_events")).isEqualTo(3);
    chain.mine();
    indexer.catchUp(10);
    assertThat(count("task_events")).isEqualTo(4);
  }

  @Test
  void reindexingARange_changesNothing() throws Exception {
    chain.mine(modelRegistered(1, TOKEN, ALICE, "PM1"), transfer(TOKEN, ZERO, ALICE, 1000));
    for (int i = 1; i <= 6; i++) {
      chain.mine(taskCreated(i, 1, 10), transfer(TOKEN, ALICE, BOB, i));
    }
    ChainIndexer indexer = indexer(0);
    indexer.catchUp(10);
    List<String> before = dump();

    indexer.rewindTo(2);
    indexer.catchUp(10);
    indexer.rewindTo(0);
    indexer.catchUp(10);

    assertThat(dump()).isEqualTo(before);
    assertThat(cursor()).isEqualTo(chain.ref(7));
  }

  @Test
  void smallSteps_commitTheCursorWithTheRowsOfEachRange() throws Exception {
    for (int i = 1; i <= 7; i++) {
      chain.mine(taskCreated(i, 1, 10));
    }
    ChainIndexer indexer =
        new ChainIndexer(
            chain,
            db,
            FakeChain.target(),
            new IndexerConfig(0, 3, 8),
            new IndexerMetrics(new PrometheusRegistry()));

    assertThat(indexer.step().toBlock()).isEqualTo(3);
    assertThat(count("task_events")).isEqualTo(3);
    assertThat(indexer.step().toBlock()).isEqualTo(6);
    assertThat(indexer.step().toBlock()).isEqualTo(7);
    assertThat(count("task_events")).isEqualTo(7);
  }

  @Test
  void reorg_deletesRowsAboveTheFork_andConvergesToTheNewBranch() throws Exception {
    chain.mine(modelRegistered(1, TOKEN, ALICE, "PM1"), transfer(TOKEN, ZERO, ALICE, 1000));
    chain.mine(taskCreated(1, 1, 10));
    chain.mine(transfer(TOKEN, ALICE, BOB, 7));
    chain.mine(taskCreated(2, 1, 10));
    ChainIndexer indexer = indexer(0);
    indexer.catchUp(10);
    assertThat(count("task_events")).isEqualTo(2);

    chain.reorgTo(2); // blocks 3 and 4 vanish
    chain.mine(revenuePaid(TOKEN, BOB, 50));
    chain.mine(taskCreated(3, 1, 10));
    chain.mine(transfer(TOKEN, ALICE, BOB, 9));

    IndexOutcome rollback = indexer.step();
    assertThat(rollback.kind()).isEqualTo(IndexOutcome.Kind.ROLLED_BACK);
    assertThat(rollback.fromBlock()).isEqualTo(2);
    assertThat(rollback.rows()).isEqualTo(2);
    indexer.catchUp(10);

    assertThat(dump()).isEqualTo(freshIndexOfTheChain());
    assertThat(cursor()).isEqualTo(chain.ref(5));
  }

  @Test
  void reorgBeyondTheHead_isNoticedEvenWhenTheChainIsShorterNow() throws Exception {
    for (int i = 1; i <= 4; i++) {
      chain.mine(taskCreated(i, 1, 10));
    }
    ChainIndexer indexer = indexer(0);
    indexer.catchUp(10);

    chain.reorgTo(1);
    chain.mine(taskCreated(9, 1, 10));

    assertThat(indexer.step().kind()).isEqualTo(IndexOutcome.Kind.ROLLED_BACK);
    indexer.catchUp(10);
    assertThat(dump()).isEqualTo(freshIndexOfTheChain());
  }

  @Test
  void reorgDeeperThanTheRememberedBlocks_stopsWithAnError() throws Exception {
    for (int i = 1; i <= 6; i++) {
      chain.mine(taskCreated(i, 1, 10));
    }
    ChainIndexer indexer =
        new ChainIndexer(
            chain,
            db,
            FakeChain.target(),
            new IndexerConfig(0, 100, 3),
            new IndexerMetrics(new PrometheusRegistry()));
    indexer.catchUp(10);

    chain.reorgTo(1);
    for (int i = 0; i < 6; i++) {
      chain.mine();
    }

    assertThatThrownBy(indexer::step)
        .isInstanceOf(ReorgTooDeepException.class)
        .hasMessageContaining("--reindex");

    indexer.reset();
    indexer.catchUp(10);
    assertThat(dump()).isEqualTo(freshIndexOfTheChain());
  }

  @Test
  void anotherDeployment_isRefusedByTheSameDatabase() throws Exception {
    indexer(0);
    IndexTarget other = new IndexTarget(31337, ALICE, FakeChain.ROUTER, FakeChain.ESCROW, 1);
    assertThatThrownBy(
            () ->
                new ChainIndexer(
                    chain,
                    db,
                    other,
                    new IndexerConfig(0, 10, 10),
                    new IndexerMetrics(new PrometheusRegistry())))
        .hasMessageContaining("use another --db");
  }

  private ChainIndexer indexer(int confirmations) throws Exception {
    return new ChainIndexer(
        chain,
        db,
        FakeChain.target(),
        IndexerConfig.withConfirmations(confirmations),
        new IndexerMetrics(new PrometheusRegistry()));
  }

  private List<String> freshIndexOfTheChain() throws Exception {
    try (Database fresh = Database.open(Database.h2MemoryUrl("fresh-" + System.nanoTime()))) {
      ChainIndexer indexer =
          new ChainIndexer(
              chain,
              fresh,
              FakeChain.target(),
              IndexerConfig.withConfirmations(0),
              new IndexerMetrics(new PrometheusRegistry()));
      indexer.catchUp(10);
      return dump(fresh);
    }
  }

  private BlockRef cursor() throws Exception {
    return db.transaction(new IndexStore()::cursor).orElseThrow();
  }

  private long count(String table) throws Exception {
    return db.transaction(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  private List<String> dump() throws Exception {
    return dump(db);
  }

  /** Every chain-derived row, as text, in key order. */
  static List<String> dump(Database database) throws Exception {
    return database.transaction(
        c -> {
          List<String> rows = new ArrayList<>();
          for (String table : Schema.CHAIN_TABLES) {
            try (Statement s = c.createStatement();
                ResultSet rs =
                    s.executeQuery(
                        "SELECT * FROM " + table + " ORDER BY block_number, log_index")) {
              int columns = rs.getMetaData().getColumnCount();
              while (rs.next()) {
                StringBuilder row = new StringBuilder(table);
                for (int i = 1; i <= columns; i++) {
                  row.append('|').append(rs.getString(i));
                }
                rows.add(row.toString());
              }
            }
          }
          return rows;
        });
  }
}
