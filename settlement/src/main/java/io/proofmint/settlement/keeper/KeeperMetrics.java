package io.proofmint.settlement.keeper;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;

/**
 * The keeper's Prometheus counters (Prometheus Java client), registered in the registry given to
 * the constructor. Transactions are counted by {@code kind}, the {@link IntentKind} in lower case,
 * every kind from zero. Counters are registered under their base names: the client appends {@code
 * _total}. Thread-safe.
 */
public final class KeeperMetrics {

  private final Counter mined;
  private final Counter failed;
  private final Counter notNeeded;
  private final Counter refused;
  private final Counter gasUsed;
  private final Counter vouchersRedeemed;
  private final Counter passes;
  private final Counter failedPasses;
  private final Counter reconciled;

  /**
   * Registers the keeper's counters in {@code registry}: one keeper per registry (the CLI's is
   * {@link PrometheusRegistry#defaultRegistry}; a second registration of the same names fails).
   */
  public KeeperMetrics(PrometheusRegistry registry) {
    mined =
        byKind(
            registry,
            "proofmint_keeper_transactions_mined",
            "Keeper transactions mined and successful, by kind.");
    failed =
        byKind(
            registry,
            "proofmint_keeper_transactions_reverted",
            "Keeper transactions mined but reverted, by kind.");
    notNeeded =
        byKind(
            registry,
            "proofmint_keeper_transactions_not_needed",
            "Planned keeper transactions not sent because their simulation reverts, by kind.");
    refused =
        byKind(
            registry,
            "proofmint_keeper_transactions_refused",
            "Keeper transactions the node refused to accept, by kind.");
    gasUsed =
        counter(registry, "proofmint_keeper_gas_used", "Gas used by mined keeper transactions.");
    vouchersRedeemed =
        counter(registry, "proofmint_keeper_vouchers_redeemed", "Usage vouchers redeemed.");
    passes = counter(registry, "proofmint_keeper_passes", "Scheduled keeper passes run.");
    failedPasses =
        counter(registry, "proofmint_keeper_passes_failed", "Scheduled keeper passes that failed.");
    reconciled =
        counter(
            registry,
            "proofmint_keeper_intents_reconciled",
            "Journaled transactions resolved against the chain.");
  }

  private static Counter byKind(PrometheusRegistry registry, String name, String help) {
    Counter c =
        Counter.builder()
            .name(name)
            .help(help)
            .labelNames("kind")
            .withoutExemplars()
            .register(registry);
    for (IntentKind k : IntentKind.values()) {
      c.initLabelValues(label(k));
    }
    return c;
  }

  private static Counter counter(PrometheusRegistry registry, String name, String help) {
    return Counter.builder().name(name).help(help).withoutExemplars().register(registry);
  }

  private static String label(IntentKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  void mined(IntentKind kind, long gas) {
    mined.labelValues(label(kind)).inc();
    gasUsed.inc(gas);
  }

  void failed(IntentKind kind) {
    failed.labelValues(label(kind)).inc();
  }

  void notNeeded(IntentKind kind) {
    notNeeded.labelValues(label(kind)).inc();
  }

  void refused(IntentKind kind) {
    refused.labelValues(label(kind)).inc();
  }

  void vouchersRedeemed(int count) {
    vouchersRedeemed.inc(count);
  }

  void pass(boolean ok) {
    passes.inc();
    if (!ok) {
      failedPasses.inc();
    }
  }

  void reconciled(int count) {
    reconciled.inc(count);
  }

  public long mined(IntentKind kind) {
    return mined.labelValues(label(kind)).getLongValue();
  }

  public long failedPasses() {
    return failedPasses.getLongValue();
  }

  public long passes() {
    return passes.getLongValue();
  }
}
