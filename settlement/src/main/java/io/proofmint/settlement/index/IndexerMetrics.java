package io.proofmint.settlement.index;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of the indexer, in Prometheus text form on request. */
public final class IndexerMetrics {

  private final AtomicLong blocks = new AtomicLong();
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong reorgs = new AtomicLong();
  private final AtomicLong rowsRolledBack = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong cursor = new AtomicLong(-1);
  private final AtomicLong head = new AtomicLong(-1);

  void advanced(long blockCount, int eventCount, long newCursor, long newHead) {
    blocks.addAndGet(blockCount);
    events.addAndGet(eventCount);
    cursor.set(newCursor);
    head.set(newHead);
  }

  void rolledBack(int rows, long newCursor) {
    reorgs.incrementAndGet();
    rowsRolledBack.addAndGet(rows);
    cursor.set(newCursor);
  }

  void retried() {
    retries.incrementAndGet();
  }

  void seen(long newCursor, long newHead) {
    cursor.set(newCursor);
    head.set(newHead);
  }

  public long eventsIndexed() {
    return events.get();
  }

  public long reorgs() {
    return reorgs.get();
  }

  public String prometheus() {
    return "# TYPE proofmint_indexer_blocks_indexed_total counter\n"
        + "proofmint_indexer_blocks_indexed_total "
        + blocks.get()
        + "\n# TYPE proofmint_indexer_events_indexed_total counter\n"
        + "proofmint_indexer_events_indexed_total "
        + events.get()
        + "\n# TYPE proofmint_indexer_reorgs_total counter\n"
        + "proofmint_indexer_reorgs_total "
        + reorgs.get()
        + "\n# TYPE proofmint_indexer_rows_rolled_back_total counter\n"
        + "proofmint_indexer_rows_rolled_back_total "
        + rowsRolledBack.get()
        + "\n# TYPE proofmint_indexer_retries_total counter\n"
        + "proofmint_indexer_retries_total "
        + retries.get()
        + "\n# TYPE proofmint_indexer_cursor_block gauge\n"
        + "proofmint_indexer_cursor_block "
        + cursor.get()
        + "\n# TYPE proofmint_indexer_head_block gauge\n"
        + "proofmint_indexer_head_block "
        + head.get()
        + "\n";
  }
}
