package io.proofmint.verifier.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.protocol.attest.Verdict;
import io.proofmint.testsupport.metrics.Promtool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerifierMetricsTest {

  private static VerifierMetrics recorded(PrometheusRegistry registry) {
    VerifierMetrics metrics = new VerifierMetrics(registry);
    metrics.segmentReplayed("MATCH", Duration.ofMillis(30));
    metrics.segmentReplayed("END_HASH_MISMATCH", Duration.ofSeconds(2));
    metrics.verdictSigned(Verdict.FRAUD);
    metrics.transactionSent("submitAttestations");
    metrics.lag(4);
    metrics.pollFailed();
    metrics.bundleUnavailable();
    return metrics;
  }

  private static List<String> lines(PrometheusRegistry registry) throws Exception {
    return new String(VerifierHttpServer.render(registry), StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void render_keepsEveryNameTypeAndHelpText() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    recorded(registry);

    List<String> lines = lines(registry);

    assertThat(lines.stream().filter(l -> l.startsWith("# ")))
        .containsExactlyInAnyOrder(
            "# HELP proofmint_verifier_segments_replayed_total Segments replayed.",
            "# TYPE proofmint_verifier_segments_replayed_total counter",
            "# HELP proofmint_verifier_verdicts_total Attestations signed, by verdict.",
            "# TYPE proofmint_verifier_verdicts_total counter",
            "# HELP proofmint_verifier_replay_seconds Replay time of one segment.",
            "# TYPE proofmint_verifier_replay_seconds histogram",
            "# HELP proofmint_verifier_lag_blocks Chain head minus the last applied block.",
            "# TYPE proofmint_verifier_lag_blocks gauge",
            "# HELP proofmint_verifier_transactions_total Transactions sent.",
            "# TYPE proofmint_verifier_transactions_total counter",
            "# HELP proofmint_verifier_poll_failures_total Chain polls that failed.",
            "# TYPE proofmint_verifier_poll_failures_total counter",
            "# HELP proofmint_verifier_bundle_unavailable_total Verification attempts that found"
                + " the committed bundle unavailable.",
            "# TYPE proofmint_verifier_bundle_unavailable_total counter");
    assertThat(lines)
        .contains(
            "proofmint_verifier_segments_replayed_total{reason=\"MATCH\"} 1.0",
            "proofmint_verifier_segments_replayed_total{reason=\"END_HASH_MISMATCH\"} 1.0",
            "proofmint_verifier_segments_replayed_total{reason=\"BATCH_MISMATCH\"} 0.0",
            "proofmint_verifier_verdicts_total{verdict=\"FRAUD\"} 1.0",
            "proofmint_verifier_verdicts_total{verdict=\"UNAVAILABLE\"} 0.0",
            "proofmint_verifier_verdicts_total{verdict=\"VALID\"} 0.0",
            "proofmint_verifier_replay_seconds_bucket{le=\"0.01\"} 0",
            "proofmint_verifier_replay_seconds_bucket{le=\"0.05\"} 1",
            "proofmint_verifier_replay_seconds_bucket{le=\"1.0\"} 1",
            "proofmint_verifier_replay_seconds_bucket{le=\"2.5\"} 2",
            "proofmint_verifier_replay_seconds_bucket{le=\"300.0\"} 2",
            "proofmint_verifier_replay_seconds_bucket{le=\"+Inf\"} 2",
            "proofmint_verifier_replay_seconds_count 2",
            "proofmint_verifier_replay_seconds_sum 2.03",
            "proofmint_verifier_lag_blocks 4.0",
            "proofmint_verifier_transactions_total{kind=\"submitAttestations\"} 1.0",
            "proofmint_verifier_poll_failures_total 1.0",
            "proofmint_verifier_bundle_unavailable_total 1.0");
    assertThat(lines.stream().filter(l -> l.startsWith("proofmint_verifier_replay_seconds_bucket")))
        .hasSize(VerifierMetrics.BUCKETS.length + 1);
  }

  @Test
  void counts_readBackWhatWasRecorded() {
    VerifierMetrics metrics = recorded(new PrometheusRegistry());

    assertThat(metrics.segmentsReplayed()).isEqualTo(2);
    assertThat(metrics.verdicts(Verdict.FRAUD)).isEqualTo(1);
    assertThat(metrics.verdicts(Verdict.VALID)).isZero();
    assertThat(metrics.lagBlocks()).isEqualTo(4);
    assertThat(metrics.bundleUnavailableAttempts()).isEqualTo(1);
  }

  @Test
  void twoVerifiers_needTwoRegistries() {
    PrometheusRegistry registry = new PrometheusRegistry();
    new VerifierMetrics(registry);
    new VerifierMetrics(new PrometheusRegistry());

    assertThatThrownBy(() -> new VerifierMetrics(registry))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("proofmint_verifier_segments_replayed");
  }

  @Test
  void scrape_passesPromtool() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    recorded(registry);
    Path file = Promtool.write("verifier", VerifierHttpServer.render(registry));

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
