package io.proofmint.wrappers;

import java.io.IOException;
import java.math.BigInteger;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthMaxPriorityFeePerGas;

/** An EIP-1559 fee pair: what a transaction pays at most per gas, and its tip to the producer. */
public record Eip1559Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {

  static final BigInteger DEFAULT_TIP = BigInteger.valueOf(1_000_000_000L);

  public Eip1559Fees {
    if (maxPriorityFeePerGas.signum() < 0 || maxFeePerGas.compareTo(maxPriorityFeePerGas) < 0) {
      throw new IllegalArgumentException(
          "fees: expected 0 <= maxPriorityFeePerGas <= maxFeePerGas, got "
              + maxPriorityFeePerGas
              + " and "
              + maxFeePerGas);
    }
  }

  /**
   * Suggests fees from the latest block: a tip from {@code eth_maxPriorityFeePerGas} (1 gwei if the
   * node has none), and a cap of twice the base fee plus the tip, which stays valid through several
   * blocks of rising base fee.
   */
  public static Eip1559Fees suggest(Web3j web3j) throws IOException {
    EthBlock.Block latest =
        web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock();
    if (latest == null) {
      throw new ChainAccessException("node returned no latest block");
    }
    String baseFeeHex = latest.getBaseFeePerGasRaw();
    if (baseFeeHex == null) {
      throw new ChainAccessException(
          "latest block has no baseFeePerGas: the chain does not support EIP-1559 (London)");
    }
    BigInteger baseFee = latest.getBaseFeePerGas();
    BigInteger tip = DEFAULT_TIP;
    EthMaxPriorityFeePerGas suggested = web3j.ethMaxPriorityFeePerGas().send();
    if (!suggested.hasError() && suggested.getMaxPriorityFeePerGas() != null) {
      tip = suggested.getMaxPriorityFeePerGas();
    }
    return new Eip1559Fees(baseFee.shiftLeft(1).add(tip), tip);
  }
}
