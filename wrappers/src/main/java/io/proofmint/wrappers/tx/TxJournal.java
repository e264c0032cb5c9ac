package io.proofmint.wrappers.tx;

import java.util.List;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Where {@link JournaledSender} records each transaction before it leaves, so a run that lost the
 * node (or crashed) in between knows what may be on its way. Implementations: {@link FileTxJournal}
 * (one pending transaction in a file, the trainer's commit) and the settlement keeper's SQL
 * journal.
 *
 * @param <M> what is journaled with each transaction
 * @param <X> the journal's own failure (an {@link java.io.IOException} for a file, an SQL exception
 *     for a database), passed through unchanged
 */
public interface TxJournal<M, X extends Exception> {

  /** Records {@code tx} durably; called before it is broadcast. */
  void record(JournaledTx<M> tx) throws X;

  /**
   * Records how {@code tx} ended.
   *
   * @param receipt its receipt when it was mined, else null
   * @param why for {@link TxFate#DROPPED}, why; else null
   */
  void settle(JournaledTx<M> tx, TxFate fate, TransactionReceipt receipt, String why) throws X;

  /** The recorded transactions not yet settled, oldest first. */
  List<JournaledTx<M>> unresolved() throws X;
}
