package io.proofmint.wrappers;

import java.io.IOException;
import java.math.BigInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.tx.FastRawTransactionManager;
import org.web3j.tx.response.TransactionReceiptProcessor;

/**
 * Signs locally with a nonce counted in memory, so transactions can be sent back to back without
 * asking the node for a nonce each time. A transaction the node rejects did not use its nonce: the
 * counter is then re-read from the node, so one rejection does not leave a gap that would stall
 * every later transaction. Likewise after the chain's state moved back ({@link
 * ChainConnection#stateRewound}), when the counted nonces may belong to transactions that are gone.
 */
public final class TxSender extends FastRawTransactionManager {

  private static final Logger LOG = LoggerFactory.getLogger(TxSender.class);

  private final LongSupplier stateRewinds;
  private long stateRewindsSeen;

  /**
   * @param stateRewinds how often the chain's state has moved back so far; when it changes, the
   *     next transaction reads its nonce from the node
   */
  TxSender(
      Web3j web3j,
      Credentials credentials,
      long chainId,
      TransactionReceiptProcessor receipts,
      LongSupplier stateRewinds) {
    super(web3j, credentials, chainId, receipts);
    this.stateRewinds = stateRewinds;
    this.stateRewindsSeen = stateRewinds.getAsLong();
  }

  @Override
  protected synchronized BigInteger getNonce() throws IOException {
    long rewinds = stateRewinds.getAsLong();
    if (rewinds != stateRewindsSeen) {
      stateRewindsSeen = rewinds;
      LOG.info("chain state of {} moved back; re-reading its nonce", getFromAddress());
      clearNonce();
    }
    return super.getNonce();
  }

  @Override
  public EthSendTransaction sendEIP1559Transaction(
      long chainId,
      BigInteger maxPriorityFeePerGas,
      BigInteger maxFeePerGas,
      BigInteger gasLimit,
      String to,
      String data,
      BigInteger value,
      boolean constructor)
      throws IOException {
    EthSendTransaction sent;
    try {
      sent =
          super.sendEIP1559Transaction(
              chainId, maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, data, value, constructor);
    } catch (IOException | RuntimeException e) {
      resyncNonce(e.getMessage());
      throw e;
    }
    if (sent.hasError()) {
      resyncNonce(sent.getError().getMessage());
    }
    return sent;
  }

  @Override
  public EthSendTransaction sendTransaction(
      BigInteger gasPrice,
      BigInteger gasLimit,
      String to,
      String data,
      BigInteger value,
      boolean constructor)
      throws IOException {
    EthSendTransaction sent;
    try {
      sent = super.sendTransaction(gasPrice, gasLimit, to, data, value, constructor);
    } catch (IOException | RuntimeException e) {
      resyncNonce(e.getMessage());
      throw e;
    }
    if (sent.hasError()) {
      resyncNonce(sent.getError().getMessage());
    }
    return sent;
  }

  private void resyncNonce(String reason) {
    LOG.warn("transaction from {} rejected ({}); re-reading its nonce", getFromAddress(), reason);
    // clearNonce, not resetNonce: web3j's resetNonce stores the next nonce and getNonce then adds
    // one to it, which would skip a nonce.
    clearNonce();
  }
}
