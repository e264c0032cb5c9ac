package io.proofmint.cli.config;

import java.util.Locale;

/**
 * A long-running role that reads a config file: its command, the prefix of its environment
 * variables and the name of its file under `.proofmint/`.
 */
public enum Role {
  WORKER("worker", "worker"),
  VERIFIER("verifier run", "verifier"),
  ARTIFACTS("artifacts serve", "artifacts"),
  SETTLEMENT("settlement run", "settlement"),
  SERVE("serve", "serve");

  private final String command;
  private final String name;

  Role(String command, String name) {
    this.command = command;
    this.name = name;
  }

  /** The subcommand path below `proofmint`, e.g. "verifier run". */
  public String command() {
    return command;
  }

  /** The default config file's name in the workspace, e.g. "verifier.toml". */
  public String fileName() {
    return name + ".toml";
  }

  /** The environment variable of option {@code key}: PROOFMINT_VERIFIER_POLL_SECONDS. */
  public String variable(String key) {
    return "PROOFMINT_"
        + name.toUpperCase(Locale.ROOT)
        + "_"
        + key.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
