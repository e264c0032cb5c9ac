package io.proofmint.settlement.serve;

import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Counters of the model server, in Prometheus text form at {@code GET /metrics}. */
public final class ServerMetrics {

  private final Map<Integer, AtomicLong> responses = new ConcurrentHashMap<>();
  private final Map<Rejection, AtomicLong> rejections = new EnumMap<>(Rejection.class);
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicReference<BigInteger> revenue = new AtomicReference<>(BigInteger.ZERO);

  public ServerMetrics() {
    for (Rejection r : Rejection.values()) {
      rejections.put(r, new AtomicLong());
    }
  }

  void response(int status) {
    responses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
  }

  void reject(Rejection reason) {
    rejections.get(reason).incrementAndGet();
  }

  void accepted(BigInteger added) {
    accepted.incrementAndGet();
    revenue.accumulateAndGet(added, BigInteger::add);
  }

  public long vouchersAccepted() {
    return accepted.get();
  }

  public long rejected(Rejection reason) {
    return rejections.get(reason).get();
  }

  public String prometheus() {
    StringBuilder out = new StringBuilder();
    out.append("# TYPE proofmint_server_responses_total counter\n");
    responses.forEach(
        (status, n) ->
            out.append("proofmint_server_responses_total{status=\"")
                .append(status)
                .append("\"} ")
                .append(n.get())
                .append('\n'));
    out.append("# TYPE proofmint_server_vouchers_accepted_total counter\n")
        .append("proofmint_server_vouchers_accepted_total ")
        .append(accepted.get())
        .append('\n');
    out.append("# TYPE proofmint_server_vouchers_rejected_total counter\n");
    rejections.forEach(
        (reason, n) ->
            out.append("proofmint_server_vouchers_rejected_total{reason=\"")
                .append(reason.name().toLowerCase(java.util.Locale.ROOT))
                .append("\"} ")
                .append(n.get())
                .append('\n'));
    out.append("# TYPE proofmint_server_revenue_accepted_total counter\n")
        .append("proofmint_server_revenue_accepted_total ")
        .append(revenue.get())
        .append('\n');
    return out.toString();
  }
}
