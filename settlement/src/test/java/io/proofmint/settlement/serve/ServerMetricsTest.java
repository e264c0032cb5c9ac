package io.proofmint.settlement.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.testsupport.metrics.Promtool;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {

  private static ServerMetrics recorded(PrometheusRegistry registry) {
    ServerMetrics metrics = new ServerMetrics(registry);
    metrics.response(200);
    metrics.accepted(BigInteger.valueOf(1000));
    metrics.response(200);
    metrics.accepted(BigInteger.valueOf(1000));
    metrics.response(402);
    metrics.reject(Rejection.NOT_INCREASED);
    metrics.response(400);
    return metrics;
  }

  private static List<String> lines(PrometheusRegistry registry) throws Exception {
    return new String(ModelServer.render(registry), StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void render_keepsEveryNameTypeAndLabel() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    recorded(registry);

    List<String> lines = lines(registry);

    assertThat(lines.stream().filter(l -> l.startsWith("# TYPE ")))
        .containsExactlyInAnyOrder(
            "# TYPE proofmint_server_responses_total counter",
            "# TYPE proofmint_server_vouchers_accepted_total counter",
            "# TYPE proofmint_server_vouchers_rejected_total counter",
            "# TYPE proofmint_server_revenue_accepted_total counter");
    assertThat(lines.stream().filter(l -> l.startsWith("# HELP "))).hasSize(4);
    assertThat(lines)
        .contains(
            "proofmint_server_responses_total{status=\"200\"} 2.0",
            "proofmint_server_responses_total{status=\"400\"} 1.0",
            "proofmint_server_responses_total{status=\"402\"} 1.0",
            "proofmint_server_vouchers_accepted_total 2.0",
            "proofmint_server_vouchers_rejected_total{reason=\"not_increased\"} 1.0",
            "proofmint_server_vouchers_rejected_total{reason=\"wrong_model\"} 0.0",
            "proofmint_server_vouchers_rejected_total{reason=\"underfunded\"} 0.0",
            "proofmint_server_revenue_accepted_total 2000.0");
  }

  @Test
  void counts_readBackWhatWasRecorded() {
    ServerMetrics metrics = recorded(new PrometheusRegistry());

    assertThat(metrics.vouchersAccepted()).isEqualTo(2);
    assertThat(metrics.rejected(Rejection.NOT_INCREASED)).isEqualTo(1);
    assertThat(metrics.rejected(Rejection.BAD_SIGNATURE)).isZero();
  }

  @Test
  void scrape_passesPromtool() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    recorded(registry);
    Path file = Promtool.write("server", ModelServer.render(registry));

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
