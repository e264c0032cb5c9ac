package io.proofmint.wrappers.tx;

import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** What {@link JournaledSender#resume} found of a journaled transaction. */
public sealed interface ResumeOutcome<M> {

  JournaledTx<M> tx();

  /** Mined, successfully or not ({@link #succeeded()}); settled in the journal. */
  record Mined<M>(JournaledTx<M> tx, TransactionReceipt receipt) implements ResumeOutcome<M> {
    public boolean succeeded() {
      return receipt.isStatusOK();
    }
  }

  /** The node holds it, not yet mined; it stays unresolved (REDECIDE does not wait). */
  record Pending<M>(JournaledTx<M> tx) implements ResumeOutcome<M> {}

  /** It will never be mined (unknown to the node, or refused when sent again); dropped. */
  record Dropped<M>(JournaledTx<M> tx, String reason) implements ResumeOutcome<M> {}
}
