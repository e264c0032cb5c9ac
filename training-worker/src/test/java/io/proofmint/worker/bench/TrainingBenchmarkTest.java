package io.proofmint.worker.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingBenchmarkTest {

  @Test
  void parse_readsEveryOption() {
    BenchmarkOptions o =
        BenchmarkOptions.parse(
            new String[] {"--layers", "64,32,10", "--batch", "16", "--threads", "1,2,4"});

    assertThat(o.layers()).containsExactly(64, 32, 10);
    assertThat(o.batch()).isEqualTo(16);
    assertThat(o.threads()).containsExactly(1, 2, 4);
    assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--bogus", "1"}))
        .hasMessageStartingWith("unknown option --bogus");
  }

  @Test
  void run_reportsRatesForEngineNaiveAndSgemm() {
    Map<String, Object> result =
        TrainingBenchmark.run(
            BenchmarkOptions.parse(
                new String[] {
                  "--layers",
                  "32,16,4",
                  "--batch",
                  "8",
                  "--steps",
                  "3",
                  "--warmup",
                  "1",
                  "--threads",
                  "1,2",
                  "--sgemm-size",
                  "64"
                }));

    assertThat(result).containsKeys("engine", "naive", "sgemm", "modelFlopUtilizationVsBestSgemm");
    assertThat(Json.write(result)).startsWith("{\"machine\":{").contains("\"threads2\":");
  }
}
