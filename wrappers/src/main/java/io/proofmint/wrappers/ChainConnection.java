package io.proofmint.wrappers;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.response.NoOpProcessor;

/**
 * One JSON-RPC connection to a chain, checked to be the chain the caller expects. It hands out
 * transaction senders that share one receipt poller, so many transactions in flight cost one
 * batched receipt query per poll instead of one sleeping thread each.
 */
public final class ChainConnection implements AutoCloseable {

  private final URI rpcUrl;
  private final long chainId;
  private final Web3j web3j;
  private final ReceiptPoller receipts;
  private final AtomicLong stateRewinds = new AtomicLong();

  private ChainConnection(URI rpcUrl, long chainId, Web3j web3j, ReceiptPoller receipts) {
    this.rpcUrl = rpcUrl;
    this.chainId = chainId;
    this.web3j = web3j;
    this.receipts = receipts;
  }

  /**
   * Connects to {@code rpcUrl} and reads its chain id.
   *
   * @param expectedChainId when present, the node must report exactly this chain id
   * @throws ChainAccessException if the node cannot be reached or reports another chain
   */
  public static ChainConnection open(URI rpcUrl, OptionalLong expectedChainId)
      throws ChainAccessException {
    String scheme = rpcUrl.getScheme();
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException(
          "RPC URL " + rpcUrl + ": expected an http:// or https:// JSON-RPC endpoint");
    }
    OkHttpClient http =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(60))
            .connectionPool(new ConnectionPool(8, 5, java.util.concurrent.TimeUnit.MINUTES))
            .build();
    Web3j web3j = Web3j.build(new HttpService(rpcUrl.toString(), http));
    long actual;
    try {
      BigInteger id = web3j.ethChainId().send().getChainId();
      if (id == null) {
        throw new ChainAccessException("RPC " + rpcUrl + " answered eth_chainId without a result");
      }
      actual = id.longValueExact();
    } catch (ChainAccessException | RuntimeException e) {
      web3j.shutdown();
      throw e;
    } catch (IOException e) {
      web3j.shutdown();
      throw new ChainAccessException(
          "cannot reach a JSON-RPC node at " + rpcUrl + ": " + e.getMessage(), e);
    }
    if (expectedChainId.isPresent() && expectedChainId.getAsLong() != actual) {
      web3j.shutdown();
      throw new ChainAccessException(
          "RPC "
              + rpcUrl
              + " is chain id "
              + actual
              + ", expected "
              + expectedChainId.getAsLong()
              + ": refusing to use it");
    }
    ReceiptPoller receipts =
        new ReceiptPoller(web3j, Clock.systemUTC(), ReceiptPoller.DEFAULT_TIMEOUT);
    return new ChainConnection(rpcUrl, actual, web3j, receipts);
  }

  public URI rpcUrl() {
    return rpcUrl;
  }

  public long chainId() {
    return chainId;
  }

  public Web3j web3j() {
    return web3j;
  }

  public ReceiptPoller receipts() {
    return receipts;
  }

  /** A sender whose transactions return once their receipt is known (polled, not slept on). */
  public TxSender sender(Credentials credentials) {
    return new TxSender(
        web3j,
        credentials,
        chainId,
        new PolledReceiptProcessor(web3j, receipts),
        stateRewinds::get);
  }

  /**
   * A sender that returns as soon as the node accepted a transaction (an empty receipt holding only
   * its hash); await the real receipts through {@link #receipts()}.
   */
  public TxSender pipelinedSender(Credentials credentials) {
    return new TxSender(web3j, credentials, chainId, new NoOpProcessor(web3j), stateRewinds::get);
  }

  /**
   * Says that the chain's state moved back (a devnet snapshot was restored): every sender of this
   * connection reads its nonce from the node again before its next transaction, since the
   * transactions it counted may be gone.
   */
  public void stateRewound() {
    stateRewinds.incrementAndGet();
  }

  /** Fees and gas limits from this chain, for the generated wrappers. */
  public ChainGasProvider gasProvider() {
    return new ChainGasProvider(web3j, chainId, Clock.systemUTC());
  }

  @Override
  public void close() {
    receipts.close();
    web3j.shutdown();
  }
}
