package io.proofmint.testsupport.metrics;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus's own linter for a scrape: {@code promtool check metrics} (package {@code
 * prometheus}), run on a rendered {@code /metrics} body that a test leaves under {@code
 * target/metrics/}, where {@code .ci/run} checks every file again.
 *
 * <p>Plain JDK, no test framework: a test skips itself when {@link #find()} is empty.
 */
public final class Promtool {

  /** Where the scrapes land, relative to the module a test runs in. */
  public static final Path DIR = Path.of("target", "metrics");

  private Promtool() {}

  /** What {@code promtool check metrics} said: its exit code (0: no problem) and its output. */
  public record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** {@code promtool} on the {@code PATH}, if there is one. */
  public static Optional<Path> find() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "promtool");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Writes {@code text} to {@code target/metrics/<name>.prom} and returns the file. */
  public static Path write(String name, byte[] text) throws IOException {
    Files.createDirectories(DIR);
    Path file = DIR.resolve(name + ".prom");
    Files.write(file, text);
    return file;
  }

  /** Runs {@code promtool check metrics} with {@code file} on its standard input. */
  public static Result check(Path promtool, Path file) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectInput(file.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("promtool check metrics " + file + ": no answer within 60 s");
    }
    return new Result(p.exitValue(), output);
  }
}
