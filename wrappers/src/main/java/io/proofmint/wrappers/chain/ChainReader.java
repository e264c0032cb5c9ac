package io.proofmint.wrappers.chain;

import io.proofmint.wrappers.ChainAccessException;
import io.proofmint.wrappers.ChainConnection;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The chain reads every role makes besides contract calls: the head, block headers, the latest
 * block's time, and logs. One JSON-RPC request per call (headers in batches): paging a long range
 * and retrying after a failure are the caller's, since each caller knows what a partial answer
 * means to it. Every error the node answers with is a {@link ChainAccessException} naming the
 * request.
 */
public final class ChainReader {

  /** Headers asked for in one JSON-RPC batch. */
  static final int HEADER_BATCH = 100;

  private final Web3j web3j;

  public ChainReader(Web3j web3j) {
    this.web3j = web3j;
  }

  public static ChainReader of(ChainConnection chain) {
    return new ChainReader(chain.web3j());
  }

  /** The number of the newest block. */
  public long blockNumber() throws IOException {
    var response = web3j.ethBlockNumber().send();
    check(response, "eth_blockNumber");
    return response.getBlockNumber().longValueExact();
  }

  /** Block {@code number}, empty if the chain does not have it (any more). */
  public Optional<BlockHeader> block(long number) throws IOException {
    EthBlock response =
        web3j.ethGetBlockByNumber(new DefaultBlockParameterNumber(number), false).send();
    check(response, "eth_getBlockByNumber " + number);
    return Optional.ofNullable(response.getBlock()).map(ChainReader::header);
  }

  /** Blocks {@code from..to} inclusive, ascending; stops early where the chain ends. */
  public List<BlockHeader> blocks(long from, long to) throws IOException {
    List<BlockHeader> out = new ArrayList<>();
    for (long start = from; start <= to; start += HEADER_BATCH) {
      BatchRequest batch = web3j.newBatch();
      long end = Math.min(to, start + HEADER_BATCH - 1);
      for (long n = start; n <= end; n++) {
        batch.add(web3j.ethGetBlockByNumber(new DefaultBlockParameterNumber(n), false));
      }
      for (Response<?> r : batch.send().getResponses()) {
        EthBlock block = (EthBlock) r;
        check(block, "eth_getBlockByNumber");
        if (block.getBlock() == null) {
          return out;
        }
        out.add(header(block.getBlock()));
      }
    }
    return out;
  }

  /** The chain's current time: the latest block's timestamp, in seconds. */
  public long latestTimestamp() throws IOException {
    EthBlock block = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send();
    if (block.hasError() || block.getBlock() == null) {
      throw new ChainAccessException(
          "eth_getBlockByNumber latest: "
              + (block.hasError() ? block.getError().getMessage() : "no block"));
    }
    return block.getBlock().getTimestamp().longValueExact();
  }

  /**
   * The logs {@code query} matches, in chain order, removed ones included as the node sends them.
   */
  public List<Log> logs(LogQuery query) throws IOException {
    EthFilter filter =
        new EthFilter(bound(query.from(), true), bound(query.to(), false), query.addresses());
    for (List<String> position : query.topics()) {
      if (position.isEmpty()) {
        filter.addNullTopic();
      } else if (position.size() == 1) {
        filter.addSingleTopic(position.get(0));
      } else {
        filter.addOptionalTopics(position.toArray(String[]::new));
      }
    }
    String what = "eth_getLogs " + query.range();
    EthLog response = web3j.ethGetLogs(filter).send();
    check(response, what);
    List<Log> logs = new ArrayList<>();
    for (EthLog.LogResult<?> result : response.getLogs()) {
      if (result.get() instanceof Log log) {
        logs.add(log);
      } else {
        throw new ChainAccessException(what + ": expected log objects, got " + result.get());
      }
    }
    return logs;
  }

  private static DefaultBlockParameter bound(OptionalLong block, boolean from) {
    if (block.isPresent()) {
      return DefaultBlockParameter.valueOf(BigInteger.valueOf(block.getAsLong()));
    }
    return from ? DefaultBlockParameterName.EARLIEST : DefaultBlockParameterName.LATEST;
  }

  private static BlockHeader header(EthBlock.Block b) {
    return new BlockHeader(
        b.getNumber().longValueExact(),
        b.getHash(),
        b.getParentHash(),
        b.getTimestamp().longValueExact());
  }

  private static void check(Response<?> response, String what) throws ChainAccessException {
    if (response.hasError()) {
      throw new ChainAccessException(what + " failed: " + response.getError().getMessage());
    }
  }
}
