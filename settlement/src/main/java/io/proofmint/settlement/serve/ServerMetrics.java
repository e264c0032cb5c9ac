package io.proofmint.settlement.serve;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.math.BigInteger;
import java.util.Locale;

/**
 * The model server's Prometheus counters (Prometheus Java client), registered in the registry given
 * to the constructor and served by {@link ModelServer} at {@code GET /metrics}. Rejections are
 * counted by {@code reason}, the {@link Rejection} in lower case, every reason from zero. Counters
 * are registered under their base names: the client appends {@code _total}.
 *
 * <p>A Prometheus sample is a 64-bit float (as a scraper always read it): the revenue counter, in
 * the model token's base units, is exact up to 2^53. Thread-safe.
 */
public final class ServerMetrics {

  private final PrometheusRegistry registry;
  private final Counter responses;
  private final Counter rejections;
  private final Counter accepted;
  private final Counter revenue;

  /**
   * Registers the server's counters in {@code registry}: one server per registry (the CLI's is
   * {@link PrometheusRegistry#defaultRegistry}; a second registration of the same names fails).
   */
  public ServerMetrics(PrometheusRegistry registry) {
    this.registry = registry;
    responses =
        Counter.builder()
            .name("proofmint_server_responses")
            .help("HTTP responses, by status code.")
            .labelNames("status")
            .withoutExemplars()
            .register(registry);
    accepted =
        Counter.builder()
            .name("proofmint_server_vouchers_accepted")
            .help("Paid calls: vouchers accepted and stored.")
            .withoutExemplars()
            .register(registry);
    rejections =
        Counter.builder()
            .name("proofmint_server_vouchers_rejected")
            .help("Vouchers refused, by reason.")
            .labelNames("reason")
            .withoutExemplars()
            .register(registry);
    for (Rejection r : Rejection.values()) {
      rejections.initLabelValues(r.name().toLowerCase(Locale.ROOT));
    }
    revenue =
        Counter.builder()
            .name("proofmint_server_revenue_accepted")
            .help("Revenue of accepted vouchers, in the model token's base units.")
            .withoutExemplars()
            .register(registry);
  }

  /** The registry these counters are in; {@code GET /metrics} renders all of it. */
  public PrometheusRegistry registry() {
    return registry;
  }

  void response(int status) {
    responses.labelValues(Integer.toString(status)).inc();
  }

  void reject(Rejection reason) {
    rejections.labelValues(reason.name().toLowerCase(Locale.ROOT)).inc();
  }

  void accepted(BigInteger added) {
    accepted.inc();
    revenue.inc(added.doubleValue());
  }

  public long vouchersAccepted() {
    return accepted.getLongValue();
  }

  public long rejected(Rejection reason) {
    return rejections.labelValues(reason.name().toLowerCase(Locale.ROOT)).getLongValue();
  }
}
