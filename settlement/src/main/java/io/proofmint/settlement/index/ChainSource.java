package io.proofmint.settlement.index;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.Log;

/** What the indexer reads from a node. */
public interface ChainSource {

  /** The number of the newest block. */
  long headNumber() throws IOException;

  /** Block {@code number}, empty if the chain does not have it (any more). */
  Optional<BlockRef> block(long number) throws IOException;

  /** Blocks {@code from..to} inclusive, ascending; stops early where the chain ends. */
  List<BlockRef> blocks(long from, long to) throws IOException;

  /** Logs of {@code from..to} inclusive emitted by {@code addresses} with one of {@code topics}. */
  List<Log> logs(long from, long to, Collection<String> addresses, Collection<String> topics)
      throws IOException;
}
