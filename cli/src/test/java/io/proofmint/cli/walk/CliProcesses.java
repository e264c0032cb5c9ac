package io.proofmint.cli.walk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the packaged proofmint CLI ({@code target/proofmint-cli.jar}, as {@code ./proofmint} runs
 * it) as separate OS processes, each with its own environment and its output in a file under {@code
 * logs}. Commands run to completion; daemons run until {@link #close}, which kills every process
 * this started that is still alive.
 */
final class CliProcesses implements AutoCloseable {

  /** A finished command: its exit code and what it printed on each stream. */
  record Result(String name, int exitCode, String out, String err) {
    String describe() {
      return name + " exited " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(5);

  private final Path jar;
  private final Path home;
  private final Path logs;
  private final AtomicInteger counter = new AtomicInteger();
  private final List<Process> started = new ArrayList<>();

  CliProcesses(Path jar, Path home, Path logs) throws IOException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + ": expected the packaged CLI jar (mvn package first)");
    }
    this.jar = jar.toAbsolutePath();
    this.home = home.toAbsolutePath();
    this.logs = Files.createDirectories(logs);
  }

  /** Runs {@code args} to completion with {@code env} added to this process's environment. */
  Result run(String name, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    Daemon launched = start(name, env, args);
    Process process = launched.process();
    if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(launched.file() + ": still running after " + COMMAND_TIMEOUT);
    }
    return new Result(
        launched.file(), process.exitValue(), launched.out(), read(launched.file() + ".err"));
  }

  /** A started process and the base name of its files under the log directory. */
  record Daemon(Process process, String file, Path logs) {
    String out() throws IOException {
      return Files.readString(logs.resolve(file + ".out"), StandardCharsets.UTF_8);
    }

    /** Waits until this process printed {@code text} on standard output. */
    void awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
      long end = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < end) {
        if (out().contains(text)) {
          return;
        }
        if (!process.isAlive()) {
          throw new IllegalStateException(
              file + " exited " + process.exitValue() + " before printing '" + text + "'");
        }
        Thread.sleep(200);
      }
      throw new IllegalStateException(file + ": no '" + text + "' after " + timeout);
    }
  }

  /** Starts {@code args} (a long-running role); {@link #close} stops it if it still runs. */
  Daemon start(String label, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--add-modules");
    command.add("jdk.incubator.vector");
    int feature = Runtime.version().feature();
    if (feature >= 22) {
      command.add("--enable-native-access=ALL-UNNAMED");
    }
    if (feature >= 24) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-Dproofmint.home=" + home);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    String file = String.format("%02d-%s", counter.incrementAndGet(), label);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectOutput(logs.resolve(file + ".out").toFile())
            .redirectError(logs.resolve(file + ".err").toFile())
            .redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().putAll(env);
    Files.writeString(logs.resolve(file + ".cmd"), String.join(" ", args) + "\n");
    Process process = builder.start();
    synchronized (started) {
      started.add(process);
    }
    return new Daemon(process, file, logs);
  }

  private String read(String name) throws IOException {
    return Files.readString(logs.resolve(name), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    List<Process> all;
    synchronized (started) {
      all = List.copyOf(started);
    }
    for (Process process : all.reversed()) {
      if (process.isAlive()) {
        process.destroy();
      }
    }
    for (Process process : all) {
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
