package io.proofmint.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.devnet.AnvilDevnet;
import io.proofmint.devnet.AnvilOptions;
import io.proofmint.wrappers.ChainConnection;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The benchmark's own checks (every receipt succeeded, balances add up) on a small run. */
class TransferBenchmarkIT {

  @Test
  void smallRun_reportsAllThreeModesWithTheirCounts() throws Exception {
    try (AnvilDevnet devnet = AnvilDevnet.start(AnvilOptions.forTest("TransferBenchmarkIT"));
        ChainConnection chain = ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(31337))) {
      TransferReport report =
          new TransferBenchmark(chain, devnet.fundedAccounts(), s -> {}).run(5, 40, 16);

      assertThat(report.results())
          .extracting(TransferResult::mode, TransferResult::transfers)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("wrapper-sequential", 5),
              org.assertj.core.groups.Tuple.tuple("wrapper-pipelined", 40),
              org.assertj.core.groups.Tuple.tuple("raw-batch", 40));
      assertThat(report.results()).allMatch(r -> r.transfersPerSecond() > 0);
      assertThat(report.pipelinedToRaw()).isPositive();
    }
  }
}
