package io.proofmint.settlement.index;

import java.util.Locale;

/**
 * A block as the indexer remembers it: enough to notice that the chain replaced it.
 *
 * @param number block number
 * @param hash 0x-prefixed block hash, lower-case
 * @param parentHash hash of the block before it
 * @param timestamp unix seconds
 */
public record BlockRef(long number, String hash, String parentHash, long timestamp) {

  public BlockRef {
    if (number < 0) {
      throw new IllegalArgumentException("block number: expected >= 0, got " + number);
    }
    hash = hash.toLowerCase(Locale.ROOT);
    parentHash = parentHash.toLowerCase(Locale.ROOT);
  }
}
