package io.proofmint.cli.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.cli.CliRun;
import io.proofmint.cli.ProofmintCommand;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class UsageHelpTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "usage",
        "usage deposit",
        "usage call",
        "usage balance",
        "usage close",
        "usage withdraw"
      })
  void everyUsageCommand_showsAnExample_describesEveryOption_withExamplesIn80Columns(
      String command) {
    CliRun run = CliRun.of((command + " --help").split(" "));
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .startsWith("Usage: proofmint " + command)
        .contains("Example", "proofmint " + command);
    CommandLine sub = ProofmintCommand.commandLine();
    for (String name : command.split(" ")) {
      sub = sub.getSubcommands().get(name);
    }
    // picocli wraps a footer line longer than the help's 80 columns, which breaks an example.
    assertThat(sub.getCommandSpec().usageMessage().footer())
        .filteredOn(line -> line.startsWith("  "))
        .isNotEmpty()
        .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(80));
    sub.getCommandSpec()
        .options()
        .forEach(
            o -> assertThat(o.description()).as("%s %s", command, o.longestName()).isNotEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"deposit", "call", "balance", "close", "withdraw"})
  void withoutModel_isAUsageError(String command) {
    CliRun run = CliRun.of("usage", command, "1");
    assertThat(run.exitCode()).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0x12", "model"})
  void aModelThatIsNotAnAddress_isAUsageError(String model) {
    CliRun run = CliRun.of("usage", "balance", "--model", model);
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("expected a 0x-prefixed 20-byte address");
  }
}
