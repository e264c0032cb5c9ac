package io.proofmint.wrappers.tx;

import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** What became of a transaction {@link JournaledSender#send} was asked to send. */
public sealed interface SendOutcome<M> {

  /** The simulation reverts: nothing was signed, journaled or sent. */
  record NotNeeded<M>(String reason) implements SendOutcome<M> {}

  /** The node refused the transaction (and, under LAND_JOURNALED, does not have it): dropped. */
  record Refused<M>(JournaledTx<M> tx, String reason) implements SendOutcome<M> {}

  /** Mined, successfully or not ({@link #succeeded()}); settled in the journal. */
  record Mined<M>(JournaledTx<M> tx, TransactionReceipt receipt) implements SendOutcome<M> {
    public boolean succeeded() {
      return receipt.isStatusOK();
    }
  }
}
