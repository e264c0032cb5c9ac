package io.proofmint.devnet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The repository checkout Proofmint runs from, which holds the pinned node tools under
 * contracts/node_modules. Found from the {@code proofmint.home} system property, the {@code
 * PROOFMINT_HOME} environment variable, or by walking up from the working directory.
 */
public final class ProofmintHome {

  private ProofmintHome() {}

  public static Path locate() {
    String property = System.getProperty("proofmint.home");
    if (property != null && !property.isBlank()) {
      return checked(Path.of(property), "system property proofmint.home");
    }
    String env = System.getenv("PROOFMINT_HOME");
    if (env != null && !env.isBlank()) {
      return checked(Path.of(env), "environment variable PROOFMINT_HOME");
    }
    return searchUpwards(Path.of("").toAbsolutePath())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "cannot find the Proofmint checkout (a directory with contracts/package.json)"
                        + " above "
                        + Path.of("").toAbsolutePath()
                        + ": run from inside it or set PROOFMINT_HOME"));
  }

  static Optional<Path> searchUpwards(Path start) {
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (isHome(dir)) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  private static Path checked(Path dir, String source) {
    if (!isHome(dir)) {
      throw new IllegalStateException(
          source + " = " + dir + ": expected the Proofmint checkout (with contracts/package.json)");
    }
    return dir.toAbsolutePath();
  }

  private static boolean isHome(Path dir) {
    return Files.isRegularFile(dir.resolve("contracts/package.json"));
  }
}
