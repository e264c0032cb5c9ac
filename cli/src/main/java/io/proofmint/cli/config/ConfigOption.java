package io.proofmint.cli.config;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * --config FILE: the role's TOML config file. Its value is read by {@link ConfigDefaultProvider},
 * not by the command, which sees only the options the file filled in.
 */
public final class ConfigOption {

  public static final String NAME = "--config";

  @Option(
      names = NAME,
      paramLabel = "FILE",
      description =
          "TOML file of option values, keyed by long option names without dashes (default: see"
              + " Configuration below).")
  Path file;
}
