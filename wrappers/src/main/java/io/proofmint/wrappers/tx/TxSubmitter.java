package io.proofmint.wrappers.tx;

import io.proofmint.wrappers.ChainAccessException;
import io.proofmint.wrappers.Eip1559Fees;
import io.proofmint.wrappers.ReceiptPoller;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.EthTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Signs transactions locally so their hash is known before they are sent: a {@link TxJournal}
 * records the hash (the settlement keeper's intents, the trainer's pending commit), then the raw
 * transaction goes to the node. Callers simulate each transaction first ({@link #estimate}); one
 * that would revert is not sent. {@link JournaledSender} drives these steps.
 */
public final class TxSubmitter implements TxNode {

  /** A transaction signed and ready to broadcast. */
  public record Signed(String hash, long nonce, String raw) {}

  /** Whether a call would succeed now, and with how much gas. */
  public sealed interface Estimate {
    record Gas(BigInteger gas) implements Estimate {}

    record Reverts(String reason) implements Estimate {}
  }

  private final Web3j web3j;
  private final Credentials credentials;
  private final long chainId;
  private final ReceiptPoller receipts;
  private final Duration receiptTimeout;

  public TxSubmitter(
      Web3j web3j,
      Credentials credentials,
      long chainId,
      ReceiptPoller receipts,
      Duration receiptTimeout) {
    this.web3j = web3j;
    this.credentials = credentials;
    this.chainId = chainId;
    this.receipts = receipts;
    this.receiptTimeout = receiptTimeout;
  }

  @Override
  public String address() {
    return credentials.getAddress().toLowerCase(Locale.ROOT);
  }

  @Override
  public Estimate estimate(String to, String data) throws IOException {
    EthEstimateGas estimate =
        web3j.ethEstimateGas(Transaction.createEthCallTransaction(address(), to, data)).send();
    if (estimate.hasError()) {
      return new Estimate.Reverts(estimate.getError().getMessage());
    }
    return new Estimate.Gas(estimate.getAmountUsed());
  }

  /** Signs a call with the next nonce, a gas limit 25% above {@code gas}, and current fees. */
  @Override
  public Signed sign(String to, String data, BigInteger gas) throws IOException {
    BigInteger nonce =
        web3j
            .ethGetTransactionCount(address(), DefaultBlockParameterName.PENDING)
            .send()
            .getTransactionCount();
    Eip1559Fees fees = Eip1559Fees.suggest(web3j);
    BigInteger limit = gas.add(gas.shiftRight(2)).add(BigInteger.valueOf(10_000));
    RawTransaction tx =
        RawTransaction.createTransaction(
            chainId,
            nonce,
            limit,
            to,
            BigInteger.ZERO,
            data,
            fees.maxPriorityFeePerGas(),
            fees.maxFeePerGas());
    String raw = Numeric.toHexString(TransactionEncoder.signMessage(tx, chainId, credentials));
    return new Signed(Hash.sha3(raw).toLowerCase(Locale.ROOT), nonce.longValueExact(), raw);
  }

  /**
   * Sends a signed transaction.
   *
   * @return the node's reason if it refused the transaction; empty if it accepted it
   * @throws IOException if the node could not be asked (the transaction may or may not have left)
   */
  @Override
  public Optional<String> broadcast(Signed tx) throws IOException {
    EthSendTransaction sent = web3j.ethSendRawTransaction(tx.raw()).send();
    if (sent.hasError()) {
      String message = sent.getError().getMessage();
      // A node that already has the transaction says so; that is an acceptance.
      if (message != null && message.toLowerCase(Locale.ROOT).contains("already")) {
        return Optional.empty();
      }
      return Optional.of(message);
    }
    return Optional.empty();
  }

  @Override
  public Optional<TransactionReceipt> receipt(String txHash) throws IOException {
    EthGetTransactionReceipt r = web3j.ethGetTransactionReceipt(txHash).send();
    if (r.hasError()) {
      throw new ChainAccessException(
          "eth_getTransactionReceipt " + txHash + ": " + r.getError().getMessage());
    }
    return r.getTransactionReceipt();
  }

  /** True if the node has the transaction (in its pool or mined). */
  @Override
  public boolean known(String txHash) throws IOException {
    EthTransaction t = web3j.ethGetTransactionByHash(txHash).send();
    if (t.hasError()) {
      throw new ChainAccessException(
          "eth_getTransactionByHash " + txHash + ": " + t.getError().getMessage());
    }
    return t.getTransaction().isPresent();
  }

  /** Waits for the receipt of a broadcast transaction. */
  public TransactionReceipt await(String txHash) throws IOException {
    try {
      return receipts.await(txHash).get(receiptTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for the receipt of " + txHash);
    } catch (ExecutionException | TimeoutException e) {
      throw new ChainAccessException(
          "no receipt for " + txHash + " within " + receiptTimeout.toSeconds() + " s", e);
    }
  }
}
