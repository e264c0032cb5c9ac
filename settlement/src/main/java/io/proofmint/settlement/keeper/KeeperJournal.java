package io.proofmint.settlement.keeper;

import io.proofmint.settlement.db.Database;
import io.proofmint.wrappers.tx.JournaledTx;
import io.proofmint.wrappers.tx.TxFate;
import io.proofmint.wrappers.tx.TxJournal;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The keeper's {@link IntentJournal} as the shared sender's journal: each step in its own database
 * transaction, committed before the sender goes on (an intent is committed before its transaction
 * is broadcast). The journal keeps no signed bytes: the keeper never sends a transaction again, it
 * decides its subjects afresh.
 */
final class KeeperJournal implements TxJournal<Intent, SQLException> {

  private final Database db;
  private final IntentJournal journal;
  private final Clock clock;

  KeeperJournal(Database db, IntentJournal journal, Clock clock) {
    this.db = db;
    this.journal = journal;
    this.clock = clock;
  }

  @Override
  public void record(JournaledTx<Intent> tx) throws SQLException {
    db.transaction(
        c -> {
          journal.record(c, tx.subject());
          return null;
        });
  }

  @Override
  public void settle(JournaledTx<Intent> tx, TxFate fate, TransactionReceipt receipt, String why)
      throws SQLException {
    IntentState state =
        switch (fate) {
          case MINED -> IntentState.MINED;
          case REVERTED -> IntentState.FAILED;
          case DROPPED -> IntentState.DROPPED;
        };
    Long gasUsed = receipt == null ? null : receipt.getGasUsed().longValueExact();
    db.transaction(
        c -> {
          journal.settle(c, tx.hash(), state, gasUsed, clock.millis(), why);
          return null;
        });
  }

  @Override
  public List<JournaledTx<Intent>> unresolved() throws SQLException {
    return db.transaction(journal::unresolved).stream()
        .map(i -> new JournaledTx<>(i.txHash(), i.nonce(), null, i))
        .toList();
  }
}
