package io.proofmint.settlement.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.testsupport.metrics.Promtool;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndexerMetricsTest {

  private static IndexerMetrics recorded(PrometheusRegistry registry) {
    IndexerMetrics metrics = new IndexerMetrics(registry);
    metrics.advanced(10, 4, 9, 12);
    metrics.rolledBack(3, 7);
    metrics.retried();
    metrics.advanced(5, 2, 12, 14);
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
  void render_keepsEveryNameAndType() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    recorded(registry);

    List<String> lines = lines(registry);

    assertThat(lines.stream().filter(l -> l.startsWith("# TYPE ")))
        .containsExactlyInAnyOrder(
            "# TYPE proofmint_indexer_blocks_indexed_total counter",
            "# TYPE proofmint_indexer_events_indexed_total counter",
            "# TYPE proofmint_indexer_reorgs_total counter",
            "# TYPE proofmint_indexer_rows_rolled_back_total counter",
            "# TYPE proofmint_indexer_retries_total counter",
            "# TYPE proofmint_indexer_cursor_block gauge",
            "# TYPE proofmint_indexer_head_block gauge");
    assertThat(lines.stream().filter(l -> l.startsWith("# HELP "))).hasSize(7);
    assertThat(lines.stream().filter(l -> !l.startsWith("#")))
        .containsExactlyInAnyOrder(
            "proofmint_indexer_blocks_indexed_total 15.0",
            "proofmint_indexer_events_indexed_total 6.0",
            "proofmint_indexer_reorgs_total 1.0",
            "proofmint_indexer_rows_rolled_back_total 3.0",
            "proofmint_indexer_retries_total 1.0",
            "proofmint_indexer_cursor_block 12.0",
            "proofmint_indexer_head_block 14.0");
  }

  @Test
  void gauges_readMinusOneBeforeTheFirstPass() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    IndexerMetrics metrics = new IndexerMetrics(registry);

    assertThat(lines(registry))
        .contains("proofmint_indexer_cursor_block -1.0", "proofmint_indexer_head_block -1.0");
    assertThat(metrics.eventsIndexed()).isZero();
    assertThat(metrics.reorgs()).isZero();
  }

  @Test
  void secondIndexerInOneRegistry_isRefused() {
    PrometheusRegistry registry = new PrometheusRegistry();
    new IndexerMetrics(registry);

    assertThatThrownBy(() -> new IndexerMetrics(registry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("proofmint_indexer_blocks_indexed");
  }

  @Test
  void scrape_passesPromtool() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    recorded(registry);
    Path file = Promtool.write("indexer", render(registry));

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
