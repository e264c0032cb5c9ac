package io.proofmint.wrappers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.tx.gas.ContractEIP1559GasProvider;

/**
 * EIP-1559 fees and gas limits for the generated wrappers. Fees are read from the chain and reused
 * for {@link #FEE_TTL}; the gas limit is the node's estimate plus a margin, unless a fixed limit is
 * set (which skips one RPC round trip per transaction when sending many of the same kind).
 */
public final class ChainGasProvider implements ContractEIP1559GasProvider {

  static final Duration FEE_TTL = Duration.ofSeconds(2);

  /**
   * Used for contract creation when the node cannot estimate; well under any devnet block limit.
   */
  static final BigInteger DEPLOY_GAS_LIMIT = BigInteger.valueOf(8_000_000L);

  private final Web3j web3j;
  private final long chainId;
  private final Clock clock;
  private final BigInteger fixedGasLimit;
  private Eip1559Fees fees;
  private Instant feesReadAt = Instant.MIN;

  ChainGasProvider(Web3j web3j, long chainId, Clock clock) {
    this(web3j, chainId, clock, null);
  }

  private ChainGasProvider(Web3j web3j, long chainId, Clock clock, BigInteger fixedGasLimit) {
    this.web3j = web3j;
    this.chainId = chainId;
    this.clock = clock;
    this.fixedGasLimit = fixedGasLimit;
  }

  /** The same provider with every transaction given {@code gasLimit} instead of an estimate. */
  public ChainGasProvider withFixedGasLimit(long gasLimit) {
    if (gasLimit < 21_000) {
      throw new IllegalArgumentException("gas limit: expected >= 21000, got " + gasLimit);
    }
    return new ChainGasProvider(web3j, chainId, clock, BigInteger.valueOf(gasLimit));
  }

  @Override
  public long getChainId() {
    return chainId;
  }

  @Override
  public BigInteger getMaxFeePerGas() {
    return fees().maxFeePerGas();
  }

  @Override
  public BigInteger getMaxPriorityFeePerGas() {
    return fees().maxPriorityFeePerGas();
  }

  @Override
  public BigInteger getGasPrice() {
    return getMaxFeePerGas();
  }

  @Override
  public BigInteger getGasLimit(Transaction transaction) {
    if (fixedGasLimit != null) {
      return fixedGasLimit;
    }
    EthEstimateGas estimate;
    try {
      estimate = web3j.ethEstimateGas(transaction).send();
    } catch (IOException e) {
      throw new UncheckedIOException("eth_estimateGas failed: " + e.getMessage(), e);
    }
    if (estimate.hasError()) {
      String target = transaction.getTo() == null ? "contract creation" : transaction.getTo();
      throw new IllegalStateException(
          "transaction to " + target + " would fail: " + estimate.getError().getMessage());
    }
    BigInteger estimated = estimate.getAmountUsed();
    // 20% headroom: the estimate is taken against the latest state, which may move before mining.
    return estimated.add(estimated.divide(BigInteger.valueOf(5)));
  }

  @Override
  public BigInteger getGasLimit() {
    return fixedGasLimit != null ? fixedGasLimit : DEPLOY_GAS_LIMIT;
  }

  private synchronized Eip1559Fees fees() {
    Instant now = clock.instant();
    if (fees == null || now.isAfter(feesReadAt.plus(FEE_TTL))) {
      try {
        fees = Eip1559Fees.suggest(web3j);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read fees from the chain: " + e.getMessage(), e);
      }
      feesReadAt = now;
    }
    return fees;
  }
}
