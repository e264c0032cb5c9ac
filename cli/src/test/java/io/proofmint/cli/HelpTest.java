package io.proofmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

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
        "worker",
        "keys",
        "keys new",
        "keys import",
        "keys list",
        "keys address",
        "stake",
        "stake show",
        "stake add",
        "stake unbond",
        "stake withdraw"
      })
  void everyCommandHasHelpText(String command) {
    String[] args = (command + " --help").split(" ");
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("Usage: proofmint " + command).contains("-h, --help");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "keys new",
        "keys import",
        "keys list",
        "keys address",
        "stake show",
        "stake add",
        "stake unbond",
        "stake withdraw"
      })
  void keyAndStakeCommands_showAnExample_andDescribeEveryOption(String command) {
    CliRun run = CliRun.of((command + " --help").split(" "));
    assertThat(run.out()).contains("Example", "proofmint " + command);
    CommandLine sub = ProofmintCommand.commandLine();
    for (String name : command.split(" ")) {
      sub = sub.getSubcommands().get(name);
    }
    String where = command;
    sub.getCommandSpec()
        .options()
        .forEach(o -> assertThat(o.description()).as("%s %s", where, o.longestName()).isNotEmpty());
  }

  @Test
  void rootHelp_documentsTheExitCodes() {
    assertThat(CliRun.of("--help").out()).contains("Exit codes:", "wrong", "keys", "stake");
  }

  @Test
  void stakeAdd_withAnUnknownRole_isAUsageError() {
    CliRun run = CliRun.of("stake", "add", "1", "--role", "banker");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--role", "banker", "TRAINER", "VERIFIER");
  }

  @Test
  void stakeAmounts_mustBePositiveDecimalNumbers() {
    CliRun zero = CliRun.of("stake", "add", "0", "--role", "verifier");
    assertThat(zero.exitCode()).isEqualTo(2);
    assertThat(zero.err()).contains("AMOUNT 0: expected an amount above 0");
    CliRun words = CliRun.of("stake", "unbond", "lots");
    assertThat(words.exitCode()).isEqualTo(2);
    assertThat(words.err()).contains("expected a decimal number such as 12.5");
    CliRun addNeither = CliRun.of("stake", "add", "--role", "verifier");
    assertThat(addNeither.exitCode()).isEqualTo(2);
    assertThat(addNeither.err()).contains("expected either AMOUNT or --to TOTAL");
    CliRun neither = CliRun.of("stake", "unbond");
    assertThat(neither.exitCode()).isEqualTo(2);
    assertThat(neither.err()).contains("expected either AMOUNT or --all");
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
