package io.proofmint.cli;

import io.proofmint.devnet.AnvilBinary;
import io.proofmint.devnet.AnvilDevnet;
import io.proofmint.devnet.AnvilOptions;
import io.proofmint.devnet.DevnetState;
import io.proofmint.devnet.ProofmintHome;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `proofmint devnet up|down|status`: a local anvil that outlives the command. */
@Command(
    name = "devnet",
    footer = {"", "Example:", "  proofmint devnet up", "  proofmint devnet status"},
    description =
        "Start, inspect or stop a local anvil devnet that keeps running in the background.",
    mixinStandardHelpOptions = true,
    subcommands = {DevnetCommand.Up.class, DevnetCommand.Down.class, DevnetCommand.Status.class})
public final class DevnetCommand {

  @Command(
      name = "up",
      footer = {
        "",
        "Example:",
        "  proofmint devnet up            # anvil on 127.0.0.1:8545, suite deployed"
      },
      mixinStandardHelpOptions = true,
      description = "Start anvil on a free loopback port and record it in .proofmint/devnet.json.")
  static final class Up implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin LoggingMixin logging;

    @Option(
        names = "--chain-id",
        defaultValue = "31337",
        description = "Chain id (default: ${DEFAULT-VALUE}).")
    long chainId;

    @Option(
        names = "--accounts",
        defaultValue = "10",
        description = "Funded accounts (default: ${DEFAULT-VALUE}).")
    int accounts;

    @Option(
        names = "--block-time",
        paramLabel = "SECONDS",
        defaultValue = "0",
        description = "Seconds per block; 0 mines a block per transaction (default).")
    int blockTime;

    @Override
    public Integer call() throws Exception {
      Workspace workspace = Workspace.locate();
      Optional<DevnetState> existing = DevnetState.read(workspace.devnetState());
      if (existing.isPresent() && existing.get().isRunning()) {
        spec.commandLine()
            .getOut()
            .printf(
                "devnet already running at %s (chain %d, pid %d); `proofmint devnet down` stops it%n",
                existing.get().rpcUrl(), existing.get().chainId(), existing.get().pid());
        return 0;
      }
      AnvilOptions options =
          new AnvilOptions(
              chainId,
              accounts,
              blockTime,
              workspace.log("anvil-devnet.log"),
              Duration.ofSeconds(30));
      DevnetState state =
          AnvilDevnet.startDetached(AnvilBinary.locate(ProofmintHome.locate()), options);
      state.write(workspace.devnetState());
      spec.commandLine()
          .getOut()
          .printf(
              "devnet up at %s (chain %d, pid %d, log %s)%n",
              state.rpcUrl(), state.chainId(), state.pid(), state.logFile());
      return 0;
    }
  }

  @Command(
      name = "down",
      footer = {"", "Example:", "  proofmint devnet down"},
      mixinStandardHelpOptions = true,
      description = "Stop the devnet `devnet up` started.")
  static final class Down implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin LoggingMixin logging;

    @Override
    public Integer call() throws Exception {
      Workspace workspace = Workspace.locate();
      Optional<DevnetState> state = DevnetState.read(workspace.devnetState());
      if (state.isEmpty()) {
        spec.commandLine()
            .getOut()
            .println("no devnet recorded in " + workspace.devnetState() + "; nothing to stop");
        return 0;
      }
      if (state.get().isRunning()) {
        ProcessHandle handle = ProcessHandle.of(state.get().pid()).orElseThrow();
        handle.destroy();
        if (!handle
            .onExit()
            .completeOnTimeout(null, 5, TimeUnit.SECONDS)
            .thenApply(h -> h != null)
            .get()) {
          handle.destroyForcibly();
        }
        spec.commandLine()
            .getOut()
            .printf("devnet at %s stopped (pid %d)%n", state.get().rpcUrl(), state.get().pid());
      } else {
        spec.commandLine()
            .getOut()
            .printf("devnet at %s was not running any more%n", state.get().rpcUrl());
      }
      Files.deleteIfExists(workspace.devnetState());
      return 0;
    }
  }

  @Command(
      name = "status",
      footer = {"", "Example:", "  proofmint devnet status"},
      mixinStandardHelpOptions = true,
      description = "Say whether the devnet is running.")
  static final class Status implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(
        names = "--json",
        description =
            "Print JSON: running (true or false) and, when running, the RPC URL, chain id, pid and start time.")
    boolean json;

    /** `--json`'s document. */
    record StatusJson(boolean running, String rpcUrl, Long chainId, Long pid, String startedAt) {}

    @Override
    public Integer call() throws Exception {
      Workspace workspace = Workspace.locate();
      Optional<DevnetState> state = DevnetState.read(workspace.devnetState());
      boolean running = state.isPresent() && state.get().isRunning();
      if (json) {
        JsonOutput.print(
            running
                ? new StatusJson(
                    true,
                    state.get().rpcUrl().toString(),
                    state.get().chainId(),
                    state.get().pid(),
                    state.get().startedAt().toString())
                : new StatusJson(false, null, null, null, null),
            spec.commandLine().getOut());
        return running ? 0 : 3;
      }
      if (running) {
        spec.commandLine()
            .getOut()
            .printf(
                "running at %s (chain %d, pid %d, since %s)%n",
                state.get().rpcUrl(),
                state.get().chainId(),
                state.get().pid(),
                state.get().startedAt());
        return 0;
      }
      spec.commandLine().getOut().println("not running");
      return 3;
    }
  }
}
