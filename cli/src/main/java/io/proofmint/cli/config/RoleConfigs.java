package io.proofmint.cli.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Gives every {@link Role} command its {@link ConfigDefaultProvider} and a help section on it. */
public final class RoleConfigs {

  private RoleConfigs() {}

  /**
   * Installs the providers below {@code root} (the `proofmint` command line).
   *
   * @param env the environment to read (System.getenv() outside tests)
   * @param workspace the workspace directory holding the default files (empty: none)
   */
  public static void install(
      CommandLine root, Map<String, String> env, Supplier<Optional<Path>> workspace) {
    for (Role role : Role.values()) {
      CommandSpec spec = find(root, role.command()).getCommandSpec();
      if (spec.findOption(ConfigOption.NAME) == null) {
        throw new IllegalStateException(
            "proofmint " + role.command() + ": expected the ConfigOption mixin (--config)");
      }
      spec.defaultValueProvider(
          new ConfigDefaultProvider(
              role, spec, env, () -> workspace.get().map(dir -> dir.resolve(role.fileName()))));
      List<String> footer = new ArrayList<>(Arrays.asList(spec.usageMessage().footer()));
      footer.addAll(section(role, spec));
      spec.usageMessage().footer(footer.toArray(String[]::new));
    }
  }

  private static List<String> section(Role role, CommandSpec spec) {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("Configuration (docs/operators.md has an example file):");
    lines.add("  file   --config FILE, else env " + role.variable("config") + ", else");
    lines.add("         .proofmint/" + role.fileName() + " if it exists; each key is a long");
    lines.add("         option without dashes: threads = 4, peer = [\"URL\", \"URL\"]");
    lines.add("  env    " + role.variable("<OPTION>") + ", OPTION upper-cased with _ for -");
    lines.add("  order  flags > environment > file > defaults; (default: ...) above");
    lines.add("         shows what the environment and the file set");
    if (spec.findOption("--password-file") != null) {
      lines.add("  secret a password only through password-file or env");
      lines.add("         PROOFMINT_KEYSTORE_PASSWORD, never as a value in the file");
    }
    return lines;
  }

  private static CommandLine find(CommandLine root, String path) {
    CommandLine command = root;
    for (String name : path.split(" ")) {
      command = command.getSubcommands().get(name);
      if (command == null) {
        throw new IllegalStateException("no command proofmint " + path);
      }
    }
    return command;
  }
}
