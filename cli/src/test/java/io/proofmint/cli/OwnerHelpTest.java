package io.proofmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.worker.engine.AdamConfig;
import io.proofmint.worker.engine.MlpSpec;
import io.proofmint.worker.engine.ReproducibilityProfile;
import io.proofmint.worker.engine.VerificationMode;
import io.proofmint.worker.task.ModelDefinition;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Help and usage errors of `model` and `task`: nothing here needs a chain. */
class OwnerHelpTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "model register",
        "model show",
        "model list",
        "task create",
        "task show",
        "task list"
      })
  void everyOwnerCommand_hasOneStringDescriptions_describedOptions_andAnExample(String command) {
    CliRun run = CliRun.of((command + " --help").split(" "));
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("Usage: proofmint " + command)
        .contains("Example:", "proofmint " + command, "Exit codes: 0");
    CommandLine cmd = ProofmintCommand.commandLine();
    for (String name : command.split(" ")) {
      cmd = cmd.getSubcommands().get(name);
    }
    for (String line : cmd.getCommandSpec().usageMessage().footer()) {
      if (line.startsWith(" ")) { // an example line: laid out by hand, so it must not wrap
        assertThat(line.length()).as("%s example: %s", command, line).isLessThan(80);
      }
    }
    for (String line : cmd.getCommandSpec().usageMessage().description()) {
      assertThat(line).as("%s description", command).doesNotContain("\n");
    }
    cmd.getCommandSpec()
        .options()
        .forEach(
            o ->
                assertThat(o.description())
                    .as("%s %s", command, o.longestName())
                    .isNotEmpty()
                    .allSatisfy(d -> assertThat(d).doesNotContain("\n")));
  }

  @Test
  void modelAndTask_listTheirSubcommands() {
    assertThat(CliRun.of("model").out()).contains("register", "show", "list");
    assertThat(CliRun.of("task").out()).contains("create", "show", "list");
  }

  @Test
  void missingRequiredOptions_areUsageErrors() {
    CliRun run = CliRun.of("task", "create", "--steps", "40", "--reward", "1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--model");
    CliRun register = CliRun.of("model", "register", "model.json", "--symbol", "X");
    assertThat(register.exitCode()).isEqualTo(2);
    assertThat(register.err()).contains("--dataset", "--supply");
  }

  @Test
  void register_refusesADirectoryWithoutADatasetManifest_beforeUsingAChain(@TempDir Path dir)
      throws Exception {
    Path model = dir.resolve("model.json");
    new ModelDefinition(
            "help-mlp",
            MlpSpec.of(8, AdamConfig.withLearningRate(1e-2f), 4, 3),
            ReproducibilityProfile.defaultForNewModels(),
            VerificationMode.EXACT,
            1,
            Keccak.hashUtf8("data"))
        .write(model);
    CliRun run =
        CliRun.of(
            "model",
            "register",
            model.toString(),
            "--dataset",
            dir.toString(),
            "--symbol",
            "H",
            "--supply",
            "1",
            "--rpc",
            "http://127.0.0.1:1");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("holds no dataset.json", "proofmint dataset synth");
  }

  @Test
  void anUnknownStatus_isAUsageErrorNamingTheStates() {
    CliRun run = CliRun.of("task", "list", "--status", "sleeping");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("sleeping", "OPEN");
  }

  @Test
  void aBadAmount_isRefusedBeforeAnyChainIsUsed() {
    CliRun run =
        CliRun.of(
            "task",
            "create",
            "--model",
            "1",
            "--steps",
            "40",
            "--reward",
            "1.5e",
            "--rpc",
            "http://127.0.0.1:1");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("--reward: expected a decimal amount");
  }
}
