package io.proofmint.cli.bench;

import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.ChainGasProvider;
import io.proofmint.wrappers.Eip1559Fees;
import io.proofmint.wrappers.TxSender;
import io.proofmint.wrappers.generated.MockERC20;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * ERC-20 transfers per second on one node, three ways, in one run: through the generated wrapper
 * waiting for each receipt (sequential), through the wrapper without waiting (pipelined, receipts
 * gathered afterwards), and the node's own capacity: the same number of transactions, signed
 * beforehand, posted as JSON-RPC batches. Every mode counts until the last receipt is in, and every
 * receipt must report success.
 */
public final class TransferBenchmark {

  /** Fixed gas for a transfer: enough for a first-time recipient, and no estimate round trip. */
  static final long TRANSFER_GAS = 80_000L;

  /** A run whose receipts have not all arrived by then has lost a transaction: fail, not hang. */
  private static final long RECEIPT_WAIT_SECONDS = 60;

  /** Wrapper sends in flight at once in the pipelined mode. */
  static final int PIPELINE_DEPTH = 8;

  private final ChainConnection chain;
  private final List<Credentials> accounts;
  private final Consumer<String> progress;

  /**
   * @param accounts at least three funded accounts: deployer and wrapper sender, raw sender, and a
   *     recipient
   */
  public TransferBenchmark(
      ChainConnection chain, List<Credentials> accounts, Consumer<String> progress) {
    if (accounts.size() < 3) {
      throw new IllegalArgumentException(
          "transfer benchmark: expected 3 funded accounts, got " + accounts.size());
    }
    this.chain = chain;
    this.accounts = accounts;
    this.progress = progress;
  }

  public TransferReport run(int sequentialCount, int count, int batchSize) throws Exception {
    if (sequentialCount < 1 || count < 1 || batchSize < 1) {
      throw new IllegalArgumentException(
          "transfer benchmark: counts and batch size must be >= 1, got "
              + sequentialCount
              + ", "
              + count
              + ", "
              + batchSize);
    }
    Credentials wrapperSender = accounts.get(0);
    Credentials rawSender = accounts.get(1);
    String recipient = accounts.get(2).getAddress();
    ChainGasProvider gas = chain.gasProvider().withFixedGasLimit(TRANSFER_GAS);

    progress.accept("deploying a MockERC20 and minting to both senders");
    MockERC20 token =
        MockERC20.deploy(
                chain.web3j(),
                chain.sender(wrapperSender),
                chain.gasProvider(),
                "Bench",
                "BNCH",
                BigInteger.valueOf(18))
            .send();
    BigInteger supply = BigInteger.TEN.pow(30);
    token.mint(wrapperSender.getAddress(), supply).send();
    token.mint(rawSender.getAddress(), supply).send();
    BigInteger before = token.balanceOf(recipient).send();

    List<TransferResult> results = new ArrayList<>();
    results.add(
        sequential(token.getContractAddress(), wrapperSender, gas, recipient, sequentialCount));
    results.add(pipelined(token.getContractAddress(), wrapperSender, gas, recipient, count));
    results.add(rawBatches(token.getContractAddress(), rawSender, recipient, count, batchSize));

    BigInteger received = token.balanceOf(recipient).send().subtract(before);
    long expected = (long) sequentialCount + 2L * count;
    if (!received.equals(BigInteger.valueOf(expected))) {
      throw new IllegalStateException(
          "recipient balance grew by " + received + ", expected " + expected + " (1 per transfer)");
    }
    return TransferReport.of(chain.chainId(), chain.rpcUrl().toString(), batchSize, results);
  }

  private TransferResult sequential(
      String token, Credentials from, ChainGasProvider gas, String to, int n) throws Exception {
    progress.accept("sequential: " + n + " wrapper transfers, each waiting for its receipt");
    MockERC20 wrapper = MockERC20.load(token, chain.web3j(), chain.sender(from), gas);
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      TransactionReceipt receipt = wrapper.transfer(to, BigInteger.ONE).send();
      requireSuccess(receipt);
    }
    return TransferResult.of("wrapper-sequential", n, System.nanoTime() - start);
  }

  private TransferResult pipelined(
      String token, Credentials from, ChainGasProvider gas, String to, int n) throws Exception {
    progress.accept("pipelined: " + n + " wrapper transfers, receipts gathered after sending");
    TxSender sender = chain.pipelinedSender(from);
    MockERC20 wrapper = MockERC20.load(token, chain.web3j(), sender, gas);
    List<Future<String>> sends = new ArrayList<>(n);
    long start = System.nanoTime();
    // Several sends in flight: signing here overlaps with the node executing earlier ones. Nonces
    // come from the sender's counter under a lock; the node queues any that arrive out of order.
    try (ExecutorService inFlight = Executors.newFixedThreadPool(PIPELINE_DEPTH)) {
      for (int i = 0; i < n; i++) {
        sends.add(
            inFlight.submit(
                () -> wrapper.transfer(to, BigInteger.ONE).send().getTransactionHash()));
      }
    }
    List<String> hashes = new ArrayList<>(n);
    for (Future<String> send : sends) {
      hashes.add(send.get());
    }
    List<TransactionReceipt> receipts =
        chain.receipts().awaitAll(hashes).get(RECEIPT_WAIT_SECONDS, TimeUnit.SECONDS);
    long elapsed = System.nanoTime() - start;
    receipts.forEach(TransferBenchmark::requireSuccess);
    return TransferResult.of("wrapper-pipelined", n, elapsed);
  }

  private TransferResult rawBatches(String token, Credentials from, String to, int n, int batchSize)
      throws Exception {
    progress.accept("raw: signing " + n + " transfers beforehand (not timed)");
    String data =
        FunctionEncoder.encode(
            new Function(
                "transfer", List.of(new Address(to), new Uint256(BigInteger.ONE)), List.of()));
    Eip1559Fees fees = Eip1559Fees.suggest(chain.web3j());
    BigInteger nonce =
        chain
            .web3j()
            .ethGetTransactionCount(from.getAddress(), DefaultBlockParameterName.PENDING)
            .send()
            .getTransactionCount();
    List<String> signed = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      RawTransaction tx =
          RawTransaction.createTransaction(
              chain.chainId(),
              nonce.add(BigInteger.valueOf(i)),
              BigInteger.valueOf(TRANSFER_GAS),
              token,
              BigInteger.ZERO,
              data,
              fees.maxPriorityFeePerGas(),
              fees.maxFeePerGas());
      signed.add(Numeric.toHexString(TransactionEncoder.signMessage(tx, chain.chainId(), from)));
    }
    progress.accept("raw: posting " + n + " signed transfers in JSON-RPC batches of " + batchSize);
    List<String> hashes = new ArrayList<>(n);
    long start = System.nanoTime();
    for (int i = 0; i < n; i += batchSize) {
      BatchRequest batch = chain.web3j().newBatch();
      signed
          .subList(i, Math.min(n, i + batchSize))
          .forEach(raw -> batch.add(chain.web3j().ethSendRawTransaction(raw)));
      for (Response<?> response : batch.send().getResponses()) {
        EthSendTransaction sent = (EthSendTransaction) response;
        if (sent.hasError()) {
          throw new IOException("raw transfer rejected: " + sent.getError().getMessage());
        }
        hashes.add(sent.getTransactionHash());
      }
    }
    List<TransactionReceipt> receipts =
        chain.receipts().awaitAll(hashes).get(RECEIPT_WAIT_SECONDS, TimeUnit.SECONDS);
    long elapsed = System.nanoTime() - start;
    receipts.forEach(TransferBenchmark::requireSuccess);
    return TransferResult.of("raw-batch", n, elapsed);
  }

  private static void requireSuccess(TransactionReceipt receipt) {
    if (!receipt.isStatusOK()) {
      throw new IllegalStateException(
          "transfer "
              + receipt.getTransactionHash()
              + " failed with status "
              + receipt.getStatus());
    }
  }
}
