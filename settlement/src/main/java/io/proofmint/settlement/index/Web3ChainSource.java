package io.proofmint.settlement.index;

import io.proofmint.wrappers.chain.BlockHeader;
import io.proofmint.wrappers.chain.ChainReader;
import io.proofmint.wrappers.chain.LogQuery;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.Log;

/** A {@link ChainSource} over the shared {@link ChainReader}; block headers come in batches. */
public final class Web3ChainSource implements ChainSource {

  private final ChainReader reader;

  public Web3ChainSource(ChainReader reader) {
    this.reader = reader;
  }

  public Web3ChainSource(Web3j web3j) {
    this(new ChainReader(web3j));
  }

  @Override
  public long headNumber() throws IOException {
    return reader.blockNumber();
  }

  @Override
  public Optional<BlockRef> block(long number) throws IOException {
    return reader.block(number).map(Web3ChainSource::ref);
  }

  @Override
  public List<BlockRef> blocks(long from, long to) throws IOException {
    return reader.blocks(from, to).stream().map(Web3ChainSource::ref).toList();
  }

  @Override
  public List<Log> logs(long from, long to, Collection<String> addresses, Collection<String> topics)
      throws IOException {
    return reader.logs(LogQuery.between(from, to).at(addresses).topic(topics));
  }

  private static BlockRef ref(BlockHeader b) {
    return new BlockRef(b.number(), b.hash(), b.parentHash(), b.timestamp());
  }
}
