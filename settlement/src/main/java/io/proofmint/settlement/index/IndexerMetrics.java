package io.proofmint.settlement.index;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The indexer's Prometheus metrics (Prometheus Java client), registered in the registry given to
 * the constructor; the cursor and head gauges read -1 until the first pass. Counters are registered
 * under their base names: the client appends {@code _total}. Thread-safe.
 */
public final class IndexerMetrics {

  private final Counter blocks;
  private final Counter events;
  private final Counter reorgs;
  private final Counter rowsRolledBack;
  private final Counter retries;
  private final Gauge cursor;
  private final Gauge head;

  /**
   * Registers the indexer's metrics in {@code registry}: one indexer per registry (the CLI's is
   * {@link PrometheusRegistry#defaultRegistry}, shared with the keeper that runs it).
   */
  public IndexerMetrics(PrometheusRegistry registry) {
    blocks = counter(registry, "proofmint_indexer_blocks_indexed", "Blocks indexed.");
    events = counter(registry, "proofmint_indexer_events_indexed", "Contract events indexed.");
    reorgs = counter(registry, "proofmint_indexer_reorgs", "Chain reorganisations rolled back.");
    rowsRolledBack =
        counter(
            registry,
            "proofmint_indexer_rows_rolled_back",
            "Index rows deleted by reorganisations.");
    retries =
        counter(
            registry,
            "proofmint_indexer_retries",
            "Index steps retried because the chain changed while it was read.");
    cursor =
        gauge(registry, "proofmint_indexer_cursor_block", "Last block indexed (-1 before any).");
    head = gauge(registry, "proofmint_indexer_head_block", "Chain head last seen (-1 before any).");
    cursor.set(-1);
    head.set(-1);
  }

  private static Counter counter(PrometheusRegistry registry, String name, String help) {
    return Counter.builder().name(name).help(help).withoutExemplars().register(registry);
  }

  private static Gauge gauge(PrometheusRegistry registry, String name, String help) {
    return Gauge.builder().name(name).help(help).withoutExemplars().register(registry);
  }

  void advanced(long blockCount, int eventCount, long newCursor, long newHead) {
    blocks.inc(blockCount);
    events.inc(eventCount);
    cursor.set(newCursor);
    head.set(newHead);
  }

  void rolledBack(int rows, long newCursor) {
    reorgs.inc();
    rowsRolledBack.inc(rows);
    cursor.set(newCursor);
  }

  void retried() {
    retries.inc();
  }

  void seen(long newCursor, long newHead) {
    cursor.set(newCursor);
    head.set(newHead);
  }

  public long eventsIndexed() {
    return events.getLongValue();
  }

  public long reorgs() {
    return reorgs.getLongValue();
  }
}
