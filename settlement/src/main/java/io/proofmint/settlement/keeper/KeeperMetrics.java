package io.proofmint.settlement.keeper;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of the keeper, in Prometheus text form on request. */
public final class KeeperMetrics {

  private final Map<IntentKind, AtomicLong> mined = counters();
  private final Map<IntentKind, AtomicLong> failed = counters();
  private final Map<IntentKind, AtomicLong> notNeeded = counters();
  private final Map<IntentKind, AtomicLong> refused = counters();
  private final AtomicLong gasUsed = new AtomicLong();
  private final AtomicLong vouchersRedeemed = new AtomicLong();
  private final AtomicLong passes = new AtomicLong();
  private final AtomicLong failedPasses = new AtomicLong();
  private final AtomicLong reconciled = new AtomicLong();

  private static Map<IntentKind, AtomicLong> counters() {
    Map<IntentKind, AtomicLong> m = new EnumMap<>(IntentKind.class);
    for (IntentKind k : IntentKind.values()) {
      m.put(k, new AtomicLong());
    }
    return m;
  }

  void mined(IntentKind kind, long gas) {
    mined.get(kind).incrementAndGet();
    gasUsed.addAndGet(gas);
  }

  void failed(IntentKind kind) {
    failed.get(kind).incrementAndGet();
  }

  void notNeeded(IntentKind kind) {
    notNeeded.get(kind).incrementAndGet();
  }

  void refused(IntentKind kind) {
    refused.get(kind).incrementAndGet();
  }

  void vouchersRedeemed(int count) {
    vouchersRedeemed.addAndGet(count);
  }

  void pass(boolean ok) {
    passes.incrementAndGet();
    if (!ok) {
      failedPasses.incrementAndGet();
    }
  }

  void reconciled(int count) {
    reconciled.addAndGet(count);
  }

  public long mined(IntentKind kind) {
    return mined.get(kind).get();
  }

  public long failedPasses() {
    return failedPasses.get();
  }

  public long passes() {
    return passes.get();
  }

  public String prometheus() {
    StringBuilder out = new StringBuilder();
    family(out, "proofmint_keeper_transactions_mined_total", mined);
    family(out, "proofmint_keeper_transactions_reverted_total", failed);
    family(out, "proofmint_keeper_transactions_not_needed_total", notNeeded);
    family(out, "proofmint_keeper_transactions_refused_total", refused);
    counter(out, "proofmint_keeper_gas_used_total", gasUsed.get());
    counter(out, "proofmint_keeper_vouchers_redeemed_total", vouchersRedeemed.get());
    counter(out, "proofmint_keeper_passes_total", passes.get());
    counter(out, "proofmint_keeper_passes_failed_total", failedPasses.get());
    counter(out, "proofmint_keeper_intents_reconciled_total", reconciled.get());
    return out.toString();
  }

  private static void family(StringBuilder out, String name, Map<IntentKind, AtomicLong> values) {
    out.append("# TYPE ").append(name).append(" counter\n");
    values.forEach(
        (kind, v) ->
            out.append(name)
                .append("{kind=\"")
                .append(kind.name().toLowerCase(java.util.Locale.ROOT))
                .append("\"} ")
                .append(v.get())
                .append('\n'));
  }

  private static void counter(StringBuilder out, String name, long value) {
    out.append("# TYPE ").append(name).append(" counter\n");
    out.append(name).append(' ').append(value).append('\n');
  }
}
