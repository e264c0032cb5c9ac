package io.proofmint.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where a keystore password comes from, in this order: a file (--password-file), the environment
 * (PROOFMINT_KEYSTORE_PASSWORD), or a prompt on the terminal that does not echo. Never from a plain
 * option value, which every user of the machine could read with `ps`.
 */
public final class Passwords {

  public static final String ENV = "PROOFMINT_KEYSTORE_PASSWORD";

  private Passwords() {}

  /** The password that opens {@code keystore}. */
  public static char[] existing(Path passwordFile, Object keystore) throws IOException {
    char[] given = fromFileOrEnv(passwordFile);
    if (given != null) {
      return given;
    }
    Console console = requireConsole("keystore " + keystore);
    char[] typed = console.readPassword("Password for %s: ", keystore);
    if (typed == null) {
      throw new IOException("keystore " + keystore + ": no password given (end of input)");
    }
    return typed;
  }

  /**
   * A password for a new keystore: from the file or the environment, else typed twice on the
   * terminal. Refuses an empty password.
   */
  public static char[] chooseNew(Path passwordFile, String what) throws IOException {
    char[] given = fromFileOrEnv(passwordFile);
    if (given == null) {
      Console console = requireConsole(what);
      given = console.readPassword("New password for %s: ", what);
      char[] again = console.readPassword("Repeat the password: ");
      try {
        if (given == null || again == null || !Arrays.equals(given, again)) {
          if (given != null) {
            Arrays.fill(given, '\0');
          }
          throw new IOException(what + ": the two passwords differ; nothing was written");
        }
      } finally {
        if (again != null) {
          Arrays.fill(again, '\0');
        }
      }
    }
    if (given.length == 0) {
      throw new IOException(what + ": expected a non-empty password; nothing was written");
    }
    return given;
  }

  private static char[] fromFileOrEnv(Path passwordFile) throws IOException {
    if (passwordFile != null) {
      if (!Files.isRegularFile(passwordFile)) {
        throw new IOException("--password-file " + passwordFile + ": no such file");
      }
      return Files.readString(passwordFile).strip().toCharArray();
    }
    String env = System.getenv(ENV);
    return env != null ? env.toCharArray() : null;
  }

  private static Console requireConsole(String what) throws IOException {
    Console console = System.console();
    if (console == null) {
      throw new IOException(
          what
              + ": no password given (use --password-file or "
              + ENV
              + "; there is no terminal to ask)");
    }
    return console;
  }
}
