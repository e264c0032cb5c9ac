package io.proofmint.verifier.daemon;

import io.proofmint.protocol.attest.Verdict;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The verifier's Prometheus metrics, rendered in the text exposition format 0.0.4:
 *
 * <ul>
 *   <li>{@code proofmint_verifier_segments_replayed_total}: segments replayed, by reason;
 *   <li>{@code proofmint_verifier_verdicts_total{verdict}}: verdicts signed;
 *   <li>{@code proofmint_verifier_replay_seconds}: histogram of one segment's replay time;
 *   <li>{@code proofmint_verifier_lag_blocks}: chain head minus the last applied block;
 *   <li>{@code proofmint_verifier_transactions_total{kind}}: transactions sent, by function;
 *   <li>{@code proofmint_verifier_poll_failures_total}: polls that failed (node unreachable);
 *   <li>{@code proofmint_verifier_bundle_unavailable_total}: verification attempts that found the
 *       committed bundle unavailable or not matching the commitment.
 * </ul>
 *
 * Thread-safe.
 */
public final class VerifierMetrics {

  static final double[] BUCKETS = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300};

  private final Map<String, LongAdder> replayed = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> verdicts = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> transactions = new ConcurrentHashMap<>();
  private final LongAdder[] bucketCounts = new LongAdder[BUCKETS.length];
  private final LongAdder replayCount = new LongAdder();
  private final DoubleAdder replaySum = new DoubleAdder();
  private final AtomicLong lagBlocks = new AtomicLong();
  private final LongAdder pollFailures = new LongAdder();
  private final LongAdder bundleUnavailable = new LongAdder();

  public VerifierMetrics() {
    for (int i = 0; i < BUCKETS.length; i++) {
      bucketCounts[i] = new LongAdder();
    }
    for (Verdict v : Verdict.values()) {
      verdicts.put(v.name(), new LongAdder());
    }
  }

  /** One replayed segment, with its reason ({@code MATCH}, ...) and its duration. */
  public void segmentReplayed(String reason, Duration elapsed) {
    replayed.computeIfAbsent(reason, r -> new LongAdder()).increment();
    double seconds = elapsed.toNanos() / 1e9;
    replayCount.increment();
    replaySum.add(seconds);
    for (int i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
        bucketCounts[i].increment();
      }
    }
  }

  public void verdictSigned(Verdict verdict) {
    verdicts.get(verdict.name()).increment();
  }

  public void transactionSent(String kind) {
    transactions.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  public void lag(long blocks) {
    lagBlocks.set(Math.max(0, blocks));
  }

  public void pollFailed() {
    pollFailures.increment();
  }

  public void bundleUnavailable() {
    bundleUnavailable.increment();
  }

  public long bundleUnavailableAttempts() {
    return bundleUnavailable.sum();
  }

  public long segmentsReplayed() {
    return replayed.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public long verdicts(Verdict verdict) {
    return verdicts.get(verdict.name()).sum();
  }

  public long lagBlocks() {
    return lagBlocks.get();
  }

  /** The Prometheus text exposition of every metric. */
  public String render() {
    StringBuilder out = new StringBuilder();
    family(out, "proofmint_verifier_segments_replayed_total", "counter", "Segments replayed.");
    if (replayed.isEmpty()) {
      out.append("proofmint_verifier_segments_replayed_total 0\n");
    }
    replayed.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                sample(
                    out,
                    "proofmint_verifier_segments_replayed_total",
                    "reason",
                    e.getKey(),
                    e.getValue().sum()));
    family(out, "proofmint_verifier_verdicts_total", "counter", "Attestations signed, by verdict.");
    verdicts.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                sample(
                    out,
                    "proofmint_verifier_verdicts_total",
                    "verdict",
                    e.getKey(),
                    e.getValue().sum()));
    family(out, "proofmint_verifier_replay_seconds", "histogram", "Replay time of one segment.");
    for (int i = 0; i < BUCKETS.length; i++) {
      out.append("proofmint_verifier_replay_seconds_bucket{le=\"")
          .append(format(BUCKETS[i]))
          .append("\"} ")
          .append(bucketCounts[i].sum())
          .append('\n');
    }
    out.append("proofmint_verifier_replay_seconds_bucket{le=\"+Inf\"} ")
        .append(replayCount.sum())
        .append('\n');
    out.append("proofmint_verifier_replay_seconds_sum ")
        .append(format(replaySum.sum()))
        .append('\n');
    out.append("proofmint_verifier_replay_seconds_count ").append(replayCount.sum()).append('\n');
    family(
        out, "proofmint_verifier_lag_blocks", "gauge", "Chain head minus the last applied block.");
    out.append("proofmint_verifier_lag_blocks ").append(lagBlocks.get()).append('\n');
    family(out, "proofmint_verifier_transactions_total", "counter", "Transactions sent.");
    transactions.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                sample(
                    out,
                    "proofmint_verifier_transactions_total",
                    "kind",
                    e.getKey(),
                    e.getValue().sum()));
    family(out, "proofmint_verifier_poll_failures_total", "counter", "Chain polls that failed.");
    out.append("proofmint_verifier_poll_failures_total ").append(pollFailures.sum()).append('\n');
    family(
        out,
        "proofmint_verifier_bundle_unavailable_total",
        "counter",
        "Verification attempts that found the committed bundle unavailable.");
    out.append("proofmint_verifier_bundle_unavailable_total ")
        .append(bundleUnavailable.sum())
        .append('\n');
    return out.toString();
  }

  private static void family(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(
      StringBuilder out, String name, String label, String value, long count) {
    out.append(name)
        .append('{')
        .append(label)
        .append("=\"")
        .append(value)
        .append("\"} ")
        .append(count)
        .append('\n');
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%s", value);
  }
}
