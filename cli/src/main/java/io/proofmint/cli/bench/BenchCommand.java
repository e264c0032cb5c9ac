package io.proofmint.cli.bench;

import io.proofmint.cli.LoggingMixin;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * `proofmint bench`: every benchmark, each writing JSON results under .proofmint/bench/ that
 * docs/benchmarks.md quotes. Subcommands run one benchmark with its own options.
 */
@Command(
    name = "bench",
    footer = {"", "Example:", "  proofmint bench training --steps 400 --threads 1,2"},
    mixinStandardHelpOptions = true,
    description =
        "Run the benchmarks (all of them without a subcommand) and write their results as JSON under .proofmint/bench/. docs/benchmarks.md quotes these files.",
    subcommands = {
      TransfersBenchCommand.class,
      GasBenchCommand.class,
      ProofOverheadBenchCommand.class,
      TrainingBenchCommand.class
    })
public final class BenchCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin LoggingMixin logging;

  @Override
  public Integer call() {
    int worst = 0;
    for (CommandLine benchmark : spec.commandLine().getSubcommands().values()) {
      spec.commandLine().getOut().println("== bench " + benchmark.getCommandName());
      worst = Math.max(worst, benchmark.execute());
    }
    return worst;
  }
}
