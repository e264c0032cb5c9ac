package io.proofmint.settlement.keeper;

import io.proofmint.settlement.db.Database;
import io.proofmint.wrappers.TxSubmitter;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Resolves PREPARED intents against the chain (after a crash, or a node outage during a send): a
 * receipt settles it as MINED or FAILED; a transaction the node still holds stays PREPARED, keeping
 * its subjects blocked; one the node does not know was never sent or was dropped, and becomes
 * DROPPED, after which the keeper decides its subjects afresh from the chain's state.
 */
public final class Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final TxSubmitter submitter;
  private final Database db;
  private final IntentJournal journal;
  private final Clock clock;
  private final KeeperMetrics metrics;

  public Reconciler(
      TxSubmitter submitter,
      Database db,
      IntentJournal journal,
      Clock clock,
      KeeperMetrics metrics) {
    this.submitter = submitter;
    this.db = db;
    this.journal = journal;
    this.clock = clock;
    this.metrics = metrics;
  }

  /**
   * Checks every PREPARED intent of this keeper's account.
   *
   * @return how many were resolved
   */
  public int reconcile() throws IOException, SQLException {
    List<Intent> open = db.transaction(journal::unresolved);
    int resolved = 0;
    for (Intent intent : open) {
      if (!intent.sender().equalsIgnoreCase(submitter.address())) {
        continue; // another keeper account's intent: it reconciles its own
      }
      Optional<TransactionReceipt> receipt = submitter.receipt(intent.txHash());
      if (receipt.isPresent()) {
        IntentState state = receipt.get().isStatusOK() ? IntentState.MINED : IntentState.FAILED;
        settle(intent, state, receipt.get().getGasUsed().longValueExact(), null);
        LOG.info(
            "reconciled {} {}: {} in block {}",
            intent.kind(),
            intent.txHash(),
            state,
            receipt.get().getBlockNumber());
        resolved++;
      } else if (!submitter.known(intent.txHash())) {
        settle(intent, IntentState.DROPPED, null, "unknown to the node at reconciliation");
        LOG.warn(
            "reconciled {} {}: the node does not know it (never sent, or dropped); its subjects"
                + " {} are decided again from the chain",
            intent.kind(),
            intent.txHash(),
            intent.subjects());
        resolved++;
      }
    }
    metrics.reconciled(resolved);
    return resolved;
  }

  private void settle(Intent intent, IntentState state, Long gas, String why) throws SQLException {
    db.transaction(
        c -> {
          journal.settle(c, intent.txHash(), state, gas, clock.millis(), why);
          return null;
        });
  }
}
