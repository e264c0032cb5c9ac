package io.proofmint.devnet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Finds the anvil executable the contracts build installed from the npm registry. */
public final class AnvilBinary {

  private AnvilBinary() {}

  /** {@code PROOFMINT_ANVIL} if set, else the platform package under contracts/node_modules. */
  public static Path locate(Path home) {
    String override = System.getenv("PROOFMINT_ANVIL");
    if (override != null && !override.isBlank()) {
      Path path = Path.of(override);
      if (!Files.isExecutable(path)) {
        throw new IllegalStateException(
            "PROOFMINT_ANVIL = " + path + ": expected an executable anvil binary");
      }
      return path;
    }
    Path path =
        home.resolve("contracts/node_modules/@foundry-rs")
            .resolve("anvil-" + platform())
            .resolve("bin")
            .resolve(isWindows() ? "anvil.exe" : "anvil");
    if (!Files.isExecutable(path)) {
      throw new IllegalStateException(
          "anvil not found at "
              + path
              + ": build the contracts module once (./mvnw -q -pl contracts generate-resources,"
              + " which runs npm ci) or set PROOFMINT_ANVIL to an anvil binary");
    }
    return path;
  }

  static String platform() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String cpu = arch.equals("aarch64") || arch.equals("arm64") ? "arm64" : "amd64";
    if (os.contains("linux")) {
      return "linux-" + cpu;
    }
    if (os.contains("mac") || os.contains("darwin")) {
      return "darwin-" + cpu;
    }
    if (os.contains("win")) {
      return "win32-amd64";
    }
    throw new IllegalStateException("no anvil package for " + os + "/" + arch);
  }

  private static boolean isWindows() {
    return System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("win");
  }
}
