package io.proofmint.verifier.daemon;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.proofmint.protocol.attest.Verdict;
import io.proofmint.verifier.replay.ReplayReason;
import java.time.Duration;

/**
 * The verifier's Prometheus metrics (Prometheus Java client), registered in the registry given to
 * the constructor and served by {@link VerifierHttpServer} at {@code GET /metrics}:
 *
 * <ul>
 *   <li>{@code proofmint_verifier_segments_replayed_total{reason}}: segments replayed, by reason;
 *   <li>{@code proofmint_verifier_verdicts_total{verdict}}: verdicts signed;
 *   <li>{@code proofmint_verifier_replay_seconds}: histogram of one segment's replay time;
 *   <li>{@code proofmint_verifier_lag_blocks}: chain head minus the last applied block;
 *   <li>{@code proofmint_verifier_transactions_total{kind}}: transactions sent, by function;
 *   <li>{@code proofmint_verifier_poll_failures_total}: polls that failed (node unreachable);
 *   <li>{@code proofmint_verifier_bundle_unavailable_total}: verification attempts that found the
 *       committed bundle unavailable or not matching the commitment.
 * </ul>
 *
 * Counters are registered under their base names: the client appends {@code _total}. Thread-safe.
 */
public final class VerifierMetrics {

  static final double[] BUCKETS = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300};

  private final PrometheusRegistry registry;
  private final Counter replayed;
  private final Counter verdicts;
  private final Counter transactions;
  private final Histogram replaySeconds;
  private final Gauge lagBlocks;
  private final Counter pollFailures;
  private final Counter bundleUnavailable;

  /**
   * Registers the verifier's metrics in {@code registry}: one verifier per registry (the CLI's is
   * {@link PrometheusRegistry#defaultRegistry}; a second registration of the same names fails).
   */
  public VerifierMetrics(PrometheusRegistry registry) {
    this.registry = registry;
    replayed =
        Counter.builder()
            .name("proofmint_verifier_segments_replayed")
            .help("Segments replayed.")
            .labelNames("reason")
            .withoutExemplars()
            .register(registry);
    for (ReplayReason r : ReplayReason.values()) {
      replayed.initLabelValues(r.name());
    }
    verdicts =
        Counter.builder()
            .name("proofmint_verifier_verdicts")
            .help("Attestations signed, by verdict.")
            .labelNames("verdict")
            .withoutExemplars()
            .register(registry);
    for (Verdict v : Verdict.values()) {
      verdicts.initLabelValues(v.name());
    }
    replaySeconds =
        Histogram.builder()
            .name("proofmint_verifier_replay_seconds")
            .help("Replay time of one segment.")
            .classicOnly()
            .classicUpperBounds(BUCKETS)
            .withoutExemplars()
            .register(registry);
    lagBlocks =
        Gauge.builder()
            .name("proofmint_verifier_lag_blocks")
            .help("Chain head minus the last applied block.")
            .withoutExemplars()
            .register(registry);
    transactions =
        Counter.builder()
            .name("proofmint_verifier_transactions")
            .help("Transactions sent.")
            .labelNames("kind")
            .withoutExemplars()
            .register(registry);
    pollFailures =
        Counter.builder()
            .name("proofmint_verifier_poll_failures")
            .help("Chain polls that failed.")
            .withoutExemplars()
            .register(registry);
    bundleUnavailable =
        Counter.builder()
            .name("proofmint_verifier_bundle_unavailable")
            .help("Verification attempts that found the committed bundle unavailable.")
            .withoutExemplars()
            .register(registry);
  }

  /** The registry these metrics are in; {@code GET /metrics} renders all of it. */
  public PrometheusRegistry registry() {
    return registry;
  }

  /** One replayed segment, with its reason ({@code MATCH}, ...) and its duration. */
  public void segmentReplayed(String reason, Duration elapsed) {
    replayed.labelValues(reason).inc();
    replaySeconds.observe(elapsed.toNanos() / 1e9);
  }

  public void verdictSigned(Verdict verdict) {
    verdicts.labelValues(verdict.name()).inc();
  }

  public void transactionSent(String kind) {
    transactions.labelValues(kind).inc();
  }

  public void lag(long blocks) {
    lagBlocks.set(Math.max(0, blocks));
  }

  public void pollFailed() {
    pollFailures.inc();
  }

  public void bundleUnavailable() {
    bundleUnavailable.inc();
  }

  public long bundleUnavailableAttempts() {
    return bundleUnavailable.getLongValue();
  }

  public long segmentsReplayed() {
    long sum = 0;
    for (CounterSnapshot.CounterDataPointSnapshot p : replayed.collect().getDataPoints()) {
      sum += (long) p.getValue();
    }
    return sum;
  }

  public long verdicts(Verdict verdict) {
    return verdicts.labelValues(verdict.name()).getLongValue();
  }

  public long lagBlocks() {
    return (long) lagBlocks.get();
  }
}
