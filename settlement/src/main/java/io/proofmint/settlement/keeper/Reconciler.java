package io.proofmint.settlement.keeper;

import io.proofmint.wrappers.tx.JournaledSender;
import io.proofmint.wrappers.tx.JournaledTx;
import io.proofmint.wrappers.tx.ResumeOutcome;
import io.proofmint.wrappers.tx.TxJournal;
import java.io.IOException;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves PREPARED intents against the chain (after a crash, or a node outage during a send),
 * through the shared {@link JournaledSender#resume}: a receipt settles it as MINED or FAILED; a
 * transaction the node still holds stays PREPARED, keeping its subjects blocked; one the node does
 * not know was never sent or was dropped, and becomes DROPPED, after which the keeper decides its
 * subjects afresh from the chain's state.
 */
public final class Reconciler {

  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

  private final JournaledSender<Intent, SQLException> sender;
  private final TxJournal<Intent, SQLException> journal;
  private final KeeperMetrics metrics;

  public Reconciler(
      JournaledSender<Intent, SQLException> sender,
      TxJournal<Intent, SQLException> journal,
      KeeperMetrics metrics) {
    this.sender = sender;
    this.journal = journal;
    this.metrics = metrics;
  }

  /**
   * Checks every PREPARED intent of this keeper's account.
   *
   * @return how many were resolved
   */
  public int reconcile() throws IOException, SQLException {
    int resolved = 0;
    for (JournaledTx<Intent> tx : journal.unresolved()) {
      Intent intent = tx.subject();
      if (!intent.sender().equalsIgnoreCase(sender.sender())) {
        continue; // another keeper account's intent: it reconciles its own
      }
      switch (sender.resume(tx)) {
        case ResumeOutcome.Mined<Intent> m -> {
          LOG.info(
              "reconciled {} {}: {} in block {}",
              intent.kind(),
              intent.txHash(),
              m.succeeded() ? IntentState.MINED : IntentState.FAILED,
              m.receipt().getBlockNumber());
          resolved++;
        }
        case ResumeOutcome.Dropped<Intent> d -> {
          LOG.warn(
              "reconciled {} {}: the node does not know it (never sent, or dropped); its subjects"
                  + " {} are decided again from the chain",
              intent.kind(),
              intent.txHash(),
              intent.subjects());
          resolved++;
        }
        case ResumeOutcome.Pending<Intent> p -> {}
      }
    }
    metrics.reconciled(resolved);
    return resolved;
  }
}
