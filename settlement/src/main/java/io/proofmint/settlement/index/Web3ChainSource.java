package io.proofmint.settlement.index;

import io.proofmint.wrappers.ChainAccessException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.DefaultBlockParameterNumber;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/** A {@link ChainSource} over JSON-RPC; block headers are fetched in batches. */
public final class Web3ChainSource implements ChainSource {

  private static final int HEADER_BATCH = 100;

  private final Web3j web3j;

  public Web3ChainSource(Web3j web3j) {
    this.web3j = web3j;
  }

  @Override
  public long headNumber() throws IOException {
    var response = web3j.ethBlockNumber().send();
    check(response, "eth_blockNumber");
    return response.getBlockNumber().longValueExact();
  }

  @Override
  public Optional<BlockRef> block(long number) throws IOException {
    EthBlock response =
        web3j.ethGetBlockByNumber(new DefaultBlockParameterNumber(number), false).send();
    check(response, "eth_getBlockByNumber " + number);
    return Optional.ofNullable(response.getBlock()).map(Web3ChainSource::ref);
  }

  @Override
  public List<BlockRef> blocks(long from, long to) throws IOException {
    List<BlockRef> out = new ArrayList<>();
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
        out.add(ref(block.getBlock()));
      }
    }
    return out;
  }

  @Override
  public List<Log> logs(long from, long to, Collection<String> addresses, Collection<String> topics)
      throws IOException {
    EthFilter filter =
        new EthFilter(
            new DefaultBlockParameterNumber(from),
            new DefaultBlockParameterNumber(to),
            List.copyOf(addresses));
    filter.addOptionalTopics(topics.toArray(String[]::new));
    EthLog response = web3j.ethGetLogs(filter).send();
    check(response, "eth_getLogs " + from + ".." + to);
    List<Log> logs = new ArrayList<>();
    for (EthLog.LogResult<?> result : response.getLogs()) {
      if (result.get() instanceof Log log) {
        logs.add(log);
      } else {
        throw new ChainAccessException(
            "eth_getLogs " + from + ".." + to + ": expected log objects, got " + result.get());
      }
    }
    return logs;
  }

  private static BlockRef ref(EthBlock.Block b) {
    BigInteger number = b.getNumber();
    return new BlockRef(
        number.longValueExact(), b.getHash(), b.getParentHash(), b.getTimestamp().longValueExact());
  }

  private static void check(Response<?> response, String what) throws ChainAccessException {
    if (response.hasError()) {
      throw new ChainAccessException(what + " failed: " + response.getError().getMessage());
    }
  }
}
