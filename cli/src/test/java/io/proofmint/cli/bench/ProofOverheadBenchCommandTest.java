package io.proofmint.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.worker.bench.ProofOverheadBenchmark.Row;
import org.junit.jupiter.api.Test;

class ProofOverheadBenchCommandTest {

  private static Row row(int threads, double medianOverhead) {
    return new Row(threads, 1.0, 1.0 + medianOverhead, medianOverhead, medianOverhead);
  }

  @Test
  void theTargetApplies_onlyWithACoreLeftForTheRecorder() {
    assertThat(ProofOverheadBenchCommand.verdict(row(1, 0.029), 2)).isEqualTo("<= 3%: met");
    assertThat(ProofOverheadBenchCommand.verdict(row(1, 0.031), 2)).isEqualTo("<= 3%: missed");
    assertThat(ProofOverheadBenchCommand.verdict(row(3, 0.01), 4)).isEqualTo("<= 3%: met");
    assertThat(ProofOverheadBenchCommand.verdict(row(2, 0.35), 2))
        .isEqualTo("reported (every core trains)");
    assertThat(ProofOverheadBenchCommand.verdict(row(4, 0.01), 2))
        .isEqualTo("reported (every core trains)");
  }
}
