package io.proofmint.settlement.index;

/** Where a log sits on the chain: its key in every table the indexer fills. */
public record LogPosition(long block, int logIndex, String txHash)
    implements Comparable<LogPosition> {

  @Override
  public int compareTo(LogPosition other) {
    int byBlock = Long.compare(block, other.block);
    return byBlock != 0 ? byBlock : Integer.compare(logIndex, other.logIndex);
  }
}
