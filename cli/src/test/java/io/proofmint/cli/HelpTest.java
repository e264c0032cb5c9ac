package io.proofmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "devnet",
        "devnet up",
        "devnet down",
        "devnet status",
        "deploy",
        "demo",
        "bench",
        "bench transfers",
        "bench proof-overhead",
        "worker"
      })
  void everyCommandHasHelpText(String command) {
    String[] args = (command + " --help").split(" ");
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: proofmint " + command).contains("-h, --help");
  }

  @Test
  void workerRefusesANonPositiveReceiptTimeout_beforeTouchingAnything() {
    CliRun run =
        CliRun.of(
            "worker",
            "--model",
            "model.json",
            "--dataset",
            "data",
            "--receipt-timeout-seconds",
            "0");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("--receipt-timeout-seconds: expected a positive number of seconds, got 0");
  }

  @Test
  void proofOverheadBench_refusesAkThatDoesNotDivideTheSteps() {
    CliRun run = CliRun.of("bench", "proof-overhead", "--steps", "105", "-k", "10");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err())
        .contains("steps 105, k 10: expected positive numbers with k dividing steps");
  }

  @Test
  void unknownCommandIsAUsageError() {
    CliRun run = CliRun.of("mint-money");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unmatched argument", "mint-money");
  }
}
