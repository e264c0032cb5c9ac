package io.proofmint.wrappers;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * Reads one contract's events with {@code eth_getLogs}, so commands that list what happened need no
 * JSON-RPC of their own. One request from the given block to the latest: fine on a devnet and on
 * nodes without a block-range limit.
 */
public final class EventLogs {

  private final Web3j web3j;

  public EventLogs(Web3j web3j) {
    this.web3j = web3j;
  }

  /**
   * The logs of {@code event} emitted by {@code contract} from block {@code fromBlock} on, in chain
   * order. {@code indexed} are the values of the first indexed parameters (null: any), as {@link
   * #topic(BigInteger)} or {@link #topic(String)} encode them.
   */
  public List<Log> find(String contract, long fromBlock, Event event, String... indexed)
      throws IOException {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
            DefaultBlockParameterName.LATEST,
            contract);
    filter.addSingleTopic(EventEncoder.encode(event));
    for (String topic : indexed) {
      if (topic == null) {
        filter.addNullTopic();
      } else {
        filter.addSingleTopic(topic);
      }
    }
    EthLog response = web3j.ethGetLogs(filter).send();
    if (response.hasError()) {
      throw new ChainAccessException(
          "eth_getLogs for "
              + event.getName()
              + " of "
              + contract
              + ": "
              + response.getError().getMessage());
    }
    List<Log> logs = new ArrayList<>();
    for (EthLog.LogResult<?> result : response.getLogs()) {
      logs.add((Log) result.get());
    }
    return logs;
  }

  /** An indexed uint256 as a topic. */
  public static String topic(BigInteger value) {
    return Numeric.toHexStringWithPrefixZeroPadded(value, 64);
  }

  /** An indexed address as a topic. */
  public static String topic(String address) {
    return Numeric.toHexStringWithPrefixZeroPadded(Numeric.toBigInt(address), 64);
  }
}
