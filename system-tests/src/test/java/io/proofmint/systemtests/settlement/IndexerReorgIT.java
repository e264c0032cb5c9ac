package io.proofmint.systemtests.settlement;

import static io.proofmint.systemtests.settlement.SettlementFixture.E18;
import static io.proofmint.systemtests.settlement.SettlementFixture.E6;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.cli.flow.TaskFlow;
import io.proofmint.settlement.db.Database;
import io.proofmint.settlement.index.ChainIndexer;
import io.proofmint.settlement.index.IndexOutcome;
import io.proofmint.settlement.index.IndexTarget;
import io.proofmint.settlement.index.IndexerConfig;
import io.proofmint.settlement.index.IndexerMetrics;
import io.proofmint.settlement.index.Web3ChainSource;
import io.proofmint.wrappers.generated.ModelToken;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexer on anvil: a reorg made with evm_snapshot / evm_revert (the indexed branch vanishes,
 * another grows past it) is rolled back and the index converges to exactly what a fresh index of
 * the chain holds; re-indexing from the deployment block changes nothing; confirmations keep the
 * newest blocks out.
 */
class IndexerReorgIT {

  @TempDir Path dir;

  @Test
  void reorg_rollsBackAndConverges_reindexIsIdempotent() throws Exception {
    try (SettlementFixture f = SettlementFixture.start("IndexerReorgIT", dir, 16);
        Database db = Database.open(Database.h2FileUrl(dir.resolve("db")))) {
      TaskFlow.Model model = f.registerModel("PR", E18.multiply(BigInteger.valueOf(1000)));
      ModelToken asOwner = f.admin.as(f.owner()).modelToken(model.token());
      String bob = f.user(1).getAddress();
      String carol = f.user(2).getAddress();
      f.flow.fundPayment(f.user(0), E6.multiply(BigInteger.valueOf(100)));
      ChainIndexer indexer = indexer(f, db, 0);
      indexer.catchUp(100);

      BigInteger snapshot = f.flow.devnet().snapshot();
      asOwner.transfer(bob, E18).send();
      asOwner.transfer(bob, E18.multiply(BigInteger.TWO)).send();
      f.flow.payRevenue(f.user(0), model.token(), E6.multiply(BigInteger.valueOf(5)));
      indexer.catchUp(100);
      assertThat(IndexDump.of(db)).anyMatch(row -> row.contains(bob.toLowerCase()));

      f.flow.devnet().revert(snapshot);
      for (int i = 1; i <= 4; i++) {
        asOwner.transfer(carol, E18.multiply(BigInteger.valueOf(i))).send();
      }
      f.flow.payRevenue(f.user(0), model.token(), E6.multiply(BigInteger.valueOf(3)));

      IndexOutcome first = indexer.step();
      assertThat(first.kind()).isEqualTo(IndexOutcome.Kind.ROLLED_BACK);
      assertThat(first.rows()).as("2 transfers and 1 payment of the lost branch").isEqualTo(3);
      indexer.catchUp(100);

      List<String> converged = IndexDump.of(db);
      assertThat(converged).noneMatch(row -> row.contains(bob.toLowerCase()));
      assertThat(converged).filteredOn(row -> row.contains(carol.toLowerCase())).hasSize(4);
      try (Database fresh = Database.open(Database.h2FileUrl(dir.resolve("fresh")))) {
        indexer(f, fresh, 0).catchUp(100);
        assertThat(converged).isEqualTo(IndexDump.of(fresh));
      }

      indexer.rewindTo(f.manifest.deployBlock());
      indexer.catchUp(100);
      assertThat(IndexDump.of(db)).as("re-indexed from the start").isEqualTo(converged);

      try (Database deep = Database.open(Database.h2FileUrl(dir.resolve("deep")))) {
        IndexOutcome last = indexer(f, deep, 3).catchUp(100);
        assertThat(last.toBlock()).isEqualTo(last.head() - 3);
        assertThat(IndexDump.of(deep).size()).isLessThan(converged.size());
      }
    }
  }

  private static ChainIndexer indexer(SettlementFixture f, Database db, int confirmations)
      throws Exception {
    return new ChainIndexer(
        new Web3ChainSource(f.chain.web3j()),
        db,
        IndexTarget.of(f.manifest),
        IndexerConfig.withConfirmations(confirmations),
        new IndexerMetrics(new PrometheusRegistry()));
  }
}
