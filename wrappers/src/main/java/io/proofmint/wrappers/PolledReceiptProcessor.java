package io.proofmint.wrappers;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.response.TransactionReceiptProcessor;

/** Lets web3j's blocking {@code send()} wait on the shared {@link ReceiptPoller}. */
final class PolledReceiptProcessor extends TransactionReceiptProcessor {

  private final ReceiptPoller poller;

  PolledReceiptProcessor(Web3j web3j, ReceiptPoller poller) {
    super(web3j);
    this.poller = poller;
  }

  @Override
  public TransactionReceipt waitForTransactionReceipt(String transactionHash)
      throws IOException, TransactionException {
    try {
      return poller.await(transactionHash).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for receipt of " + transactionHash);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TransactionException te) {
        throw te;
      }
      throw new IOException("waiting for receipt of " + transactionHash + " failed", e.getCause());
    }
  }
}
