package io.proofmint.devnet;

import io.proofmint.wrappers.DevnetAccounts;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * anvil on a free loopback port, owned by this JVM. anvil runs under a small shell watchdog that
 * holds the read end of a pipe whose write end only this JVM has: when the JVM ends for any reason,
 * SIGKILL included, the pipe closes and the watchdog stops anvil. {@link #close()} and a shutdown
 * hook stop it earlier on the ordinary paths.
 */
public final class AnvilDevnet implements Devnet {

  private static final Logger LOG = LoggerFactory.getLogger(AnvilDevnet.class);
  private static final int PORT_ATTEMPTS = 3;

  /** Runs "$@" (anvil) in the background and kills it once stdin reaches end of file. */
  private static final String WATCHDOG =
      "\"$@\" </dev/null & child=$!\n"
          + "trap 'kill $child 2>/dev/null; wait $child; exit 0' TERM INT HUP\n"
          + "while read -r _; do :; done\n"
          + "kill $child 2>/dev/null\n"
          + "wait $child\n";

  private final Process process;
  private final int port;
  private final AnvilOptions options;
  private final Thread shutdownHook;
  private final AtomicBoolean closed = new AtomicBoolean();

  private AnvilDevnet(Process process, int port, AnvilOptions options) {
    this.process = process;
    this.port = port;
    this.options = options;
    this.shutdownHook = new Thread(this::stop, "anvil-shutdown-" + port);
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts anvil from the checkout's contracts/node_modules and waits until it answers. */
  public static AnvilDevnet start(AnvilOptions options) throws IOException {
    return start(AnvilBinary.locate(ProofmintHome.locate()), options);
  }

  public static AnvilDevnet start(Path anvil, AnvilOptions options) throws IOException {
    IOException last = null;
    for (int attempt = 1; attempt <= PORT_ATTEMPTS; attempt++) {
      int port = LoopbackPorts.free();
      Process process = launch(watchdogCommand(anvil, arguments(port, options)), options.logFile());
      try {
        JsonRpcProbe.awaitChainId(port, process, options.logFile(), options.startTimeout());
        LOG.info(
            "anvil up on 127.0.0.1:{} (pid {}), log {}", port, process.pid(), options.logFile());
        return new AnvilDevnet(process, port, options);
      } catch (IOException e) {
        destroyTree(process);
        last = e;
        if (!JsonRpcProbe.logMentions(options.logFile(), "Address already in use")) {
          throw e;
        }
        LOG.warn("port {} was taken before anvil bound it; trying another", port);
      }
    }
    throw last;
  }

  /**
   * Starts anvil detached from this JVM (for `proofmint devnet up`): it keeps running after the JVM
   * exits and is stopped by pid.
   */
  public static DevnetState startDetached(Path anvil, AnvilOptions options) throws IOException {
    int port = LoopbackPorts.free();
    List<String> command = new ArrayList<>();
    command.add(anvil.toString());
    command.addAll(arguments(port, options));
    Files.createDirectories(options.logFile().toAbsolutePath().getParent());
    Process process =
        new ProcessBuilder(command)
            .redirectInput(Redirect.from(new java.io.File(nullDevice())))
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(options.logFile().toFile()))
            .start();
    try {
      JsonRpcProbe.awaitChainId(port, process, options.logFile(), options.startTimeout());
    } catch (IOException e) {
      process.destroyForcibly();
      throw e;
    }
    return new DevnetState(
        process.pid(),
        URI.create("http://127.0.0.1:" + port),
        options.chainId(),
        options.logFile().toAbsolutePath().toString(),
        java.time.Instant.now().toString());
  }

  static List<String> arguments(int port, AnvilOptions options) {
    List<String> args = new ArrayList<>();
    args.addAll(List.of("--host", "127.0.0.1", "--port", Integer.toString(port)));
    args.addAll(List.of("--chain-id", Long.toString(options.chainId())));
    args.addAll(List.of("--accounts", Integer.toString(options.accounts())));
    args.addAll(List.of("--mnemonic", DevnetAccounts.ANVIL_MNEMONIC));
    if (options.blockTimeSeconds() > 0) {
      args.addAll(List.of("--block-time", Integer.toString(options.blockTimeSeconds())));
    }
    // Per-request logging costs more than the requests themselves under load.
    args.add("--quiet");
    return args;
  }

  private static List<String> watchdogCommand(Path anvil, List<String> anvilArgs) {
    List<String> command = new ArrayList<>();
    if (isWindows()) {
      command.add(anvil.toString());
    } else {
      command.addAll(List.of("/bin/sh", "-c", WATCHDOG, "anvil-watchdog", anvil.toString()));
    }
    command.addAll(anvilArgs);
    return command;
  }

  private static Process launch(List<String> command, Path logFile) throws IOException {
    Files.createDirectories(logFile.toAbsolutePath().getParent());
    // stdin stays a pipe from this JVM: the watchdog's lifeline.
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(logFile.toFile()))
        .start();
  }

  @Override
  public String kind() {
    return "anvil";
  }

  @Override
  public URI rpcUrl() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  /** The pid of the process this JVM started (the watchdog shell, or anvil on Windows). */
  public long pid() {
    return process.pid();
  }

  @Override
  public long chainId() {
    return options.chainId();
  }

  @Override
  public List<Credentials> fundedAccounts() {
    return DevnetAccounts.anvil(options.accounts());
  }

  public Path logFile() {
    return options.logFile();
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running or about to; it will find the devnet stopped.
    }
  }

  private void stop() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      process.getOutputStream().close(); // end of file for the watchdog: it stops anvil
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        LOG.warn("anvil on port {} did not stop within 5 s; killing it", port);
      }
    } catch (IOException e) {
      LOG.warn("closing anvil's watchdog pipe failed: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      destroyTree(process);
    }
    LOG.info("anvil on port {} stopped", port);
  }

  private static void destroyTree(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void awaitExit(ProcessHandle handle, Duration timeout) throws InterruptedIOException {
    try {
      handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for pid " + handle.pid());
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // Still alive: the caller decides whether to escalate.
    }
  }

  private static boolean isWindows() {
    return System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("win");
  }

  private static String nullDevice() {
    return isWindows() ? "NUL" : "/dev/null";
  }
}
