package io.proofmint.cli;

import io.proofmint.devnet.ProofmintHome;
import java.nio.file.Path;

/** Where commands keep local state: `.proofmint/` in the checkout (git ignores it). */
public final class Workspace {

  private final Path dir;

  private Workspace(Path dir) {
    this.dir = dir;
  }

  public static Workspace locate() {
    String override =
        System.getProperty("proofmint.state.dir", System.getenv("PROOFMINT_STATE_DIR"));
    if (override != null && !override.isBlank()) {
      return new Workspace(Path.of(override).toAbsolutePath());
    }
    return new Workspace(ProofmintHome.locate().resolve(".proofmint"));
  }

  public Path dir() {
    return dir;
  }

  /**
   * Where `keys new` and `keys import` write keystores and where `--keystore ADDRESS` looks: env
   * PROOFMINT_KEYS_DIR, else `keys/` in this workspace.
   */
  public Path keys() {
    String override = System.getenv("PROOFMINT_KEYS_DIR");
    if (override != null && !override.isBlank()) {
      return Path.of(override).toAbsolutePath();
    }
    return dir.resolve("keys");
  }

  /** The devnet `devnet up` left running. */
  public Path devnetState() {
    return dir.resolve("devnet.json");
  }

  /** The deployment `deploy` wrote. */
  public Path deploymentManifest() {
    return dir.resolve("deployment.json");
  }

  public Path log(String name) {
    return dir.resolve("logs").resolve(name);
  }

  public Path bench(String name) {
    return dir.resolve("bench").resolve(name);
  }
}
