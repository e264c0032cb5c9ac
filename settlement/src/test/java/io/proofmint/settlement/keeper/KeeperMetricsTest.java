package io.proofmint.settlement.keeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.settlement.index.IndexerMetrics;
import io.proofmint.testsupport.metrics.Promtool;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeeperMetricsTest {

  private static KeeperMetrics recorded(PrometheusRegistry registry) {
    KeeperMetrics metrics = new KeeperMetrics(registry);
    metrics.mined(IntentKind.FINALIZE, 80_000);
    metrics.mined(IntentKind.REDEEM, 120_000);
    metrics.failed(IntentKind.EXPIRE);
    metrics.notNeeded(IntentKind.CLAIM_REWARDS);
    metrics.refused(IntentKind.REDEEM);
    metrics.vouchersRedeemed(3);
    metrics.pass(true);
    metrics.pass(false);
    metrics.reconciled(2);
    return metrics;
  }

  private static byte[] render(PrometheusRegistry registry) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.toByteArray();
  }

  private static List<String> lines(PrometheusRegistry registry) throws Exception {
    return new String(render(registry), StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void render_keepsEveryNameTypeAndLabel() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    recorded(registry);

    List<String> lines = lines(registry);

    assertThat(lines.stream().filter(l -> l.startsWith("# TYPE ")))
        .containsExactlyInAnyOrder(
            "# TYPE proofmint_keeper_transactions_mined_total counter",
            "# TYPE proofmint_keeper_transactions_reverted_total counter",
            "# TYPE proofmint_keeper_transactions_not_needed_total counter",
            "# TYPE proofmint_keeper_transactions_refused_total counter",
            "# TYPE proofmint_keeper_gas_used_total counter",
            "# TYPE proofmint_keeper_vouchers_redeemed_total counter",
            "# TYPE proofmint_keeper_passes_total counter",
            "# TYPE proofmint_keeper_passes_failed_total counter",
            "# TYPE proofmint_keeper_intents_reconciled_total counter");
    assertThat(lines.stream().filter(l -> l.startsWith("# HELP "))).hasSize(9);
    assertThat(lines)
        .contains(
            "proofmint_keeper_transactions_mined_total{kind=\"finalize\"} 1.0",
            "proofmint_keeper_transactions_mined_total{kind=\"redeem\"} 1.0",
            "proofmint_keeper_transactions_mined_total{kind=\"claim_rewards\"} 0.0",
            "proofmint_keeper_transactions_mined_total{kind=\"expire\"} 0.0",
            "proofmint_keeper_transactions_reverted_total{kind=\"expire\"} 1.0",
            "proofmint_keeper_transactions_not_needed_total{kind=\"claim_rewards\"} 1.0",
            "proofmint_keeper_transactions_refused_total{kind=\"redeem\"} 1.0",
            "proofmint_keeper_transactions_refused_total{kind=\"finalize\"} 0.0",
            "proofmint_keeper_gas_used_total 200000.0",
            "proofmint_keeper_vouchers_redeemed_total 3.0",
            "proofmint_keeper_passes_total 2.0",
            "proofmint_keeper_passes_failed_total 1.0",
            "proofmint_keeper_intents_reconciled_total 2.0");
  }

  @Test
  void counts_readBackWhatWasRecorded() {
    KeeperMetrics metrics = recorded(new PrometheusRegistry());

    assertThat(metrics.mined(IntentKind.FINALIZE)).isEqualTo(1);
    assertThat(metrics.mined(IntentKind.EXPIRE)).isZero();
    assertThat(metrics.passes()).isEqualTo(2);
    assertThat(metrics.failedPasses()).isEqualTo(1);
  }

  @Test
  void scrape_ofAKeeperAndItsIndexerInOneRegistry_passesPromtool() throws Exception {
    // What `proofmint settlement run` holds: the keeper and its indexer in the process registry.
    PrometheusRegistry registry = new PrometheusRegistry();
    recorded(registry);
    new IndexerMetrics(registry);
    Path file = Promtool.write("keeper", render(registry));

    assertThat(lines(registry))
        .contains("# TYPE proofmint_indexer_head_block gauge", "proofmint_indexer_head_block -1.0");
    Optional<Path> promtool = Promtool.find();
    assumeTrue(
        promtool.isPresent(),
        "promtool is not on PATH (Debian package prometheus; .ci/run installs it): "
            + file
            + " left unchecked");
    Promtool.Result result = Promtool.check(promtool.get(), file);
    assertThat(result.ok()).as("promtool check metrics %s: %s", file, result.output()).isTrue();
    assertThat(result.output()).isEmpty();
  }
}
