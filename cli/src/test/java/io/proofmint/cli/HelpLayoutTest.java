package io.proofmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Help text is laid out by picocli: a description is one paragraph per array element, so an element
 * that ends inside a sentence is a hard line break picocli cannot reflow. Every command also shows
 * how it is used.
 */
class HelpLayoutTest {

  @Test
  void noDescriptionBreaksInsideASentence() {
    List<String> broken = new ArrayList<>();
    for (CommandLine command : allCommands()) {
      CommandSpec spec = command.getCommandSpec();
      check(spec.qualifiedName(), spec.usageMessage().description(), broken);
      for (ArgSpec arg : spec.args()) {
        check(spec.qualifiedName() + " " + label(arg), arg.description(), broken);
      }
    }
    assertThat(broken).as("descriptions with a line break inside a sentence").isEmpty();
  }

  @Test
  void everyCommandShowsAUsageExample() {
    List<String> missing = new ArrayList<>();
    for (CommandLine command : allCommands()) {
      CommandSpec spec = command.getCommandSpec();
      String footer =
          spec.usageMessage().footerHeading() + String.join("\n", spec.usageMessage().footer());
      if (!footer.contains("Example")) {
        missing.add(spec.qualifiedName());
      }
    }
    assertThat(missing).as("commands whose help has no example").isEmpty();
  }

  @Test
  void everyExampleFitsAnEightyColumnTerminal() {
    List<String> wide = new ArrayList<>();
    for (CommandLine command : allCommands()) {
      for (String line : command.getCommandSpec().usageMessage().footer()) {
        if (line.startsWith("  proofmint") || line.startsWith("      ")) {
          if (line.length() > 80) {
            wide.add(command.getCommandSpec().qualifiedName() + ": " + line);
          }
        }
      }
    }
    assertThat(wide).as("example lines over 80 columns").isEmpty();
  }

  @Test
  void aTwoValueOptionShowsItsValuesOnce() {
    CliRun run = CliRun.of("verifier", "run", "--help");
    assertThat(run.out()).contains("--model=FILE DIR").doesNotContain("FILE DIR FILE DIR");
  }

  private static void check(String where, String[] description, List<String> broken) {
    for (int i = 0; i < description.length - 1; i++) {
      String line = description[i].strip();
      if (!line.isEmpty() && !line.matches("(?s).*[.:!?)]$")) {
        broken.add(where + ": \"" + line + "\"");
      }
    }
  }

  private static String label(ArgSpec arg) {
    return arg instanceof CommandLine.Model.OptionSpec o ? o.longestName() : arg.paramLabel();
  }

  /** Every command and subcommand, without picocli's own `help`. */
  private static List<CommandLine> allCommands() {
    List<CommandLine> out = new ArrayList<>();
    collect(ProofmintCommand.commandLine(), out);
    return out;
  }

  private static void collect(CommandLine command, List<CommandLine> out) {
    if (command.getCommand() instanceof CommandLine.HelpCommand) {
      return;
    }
    out.add(command);
    for (CommandLine sub : command.getSubcommands().values()) {
      if (!out.contains(sub)) {
        collect(sub, out);
      }
    }
  }
}
