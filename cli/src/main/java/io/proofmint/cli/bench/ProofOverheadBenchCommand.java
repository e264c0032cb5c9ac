package io.proofmint.cli.bench;

import io.proofmint.cli.Workspace;
import io.proofmint.worker.bench.ProofOverheadBenchmark;
import io.proofmint.worker.bench.ProofOverheadBenchmark.Row;
import io.proofmint.worker.bench.ProofOverheadBenchmark.Settings;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `proofmint bench proof-overhead`: what recording a proof costs training (docs/benchmarks.md). */
@Command(
    name = "proof-overhead",
    footer = {"", "Example:", "  proofmint bench proof-overhead"},
    mixinStandardHelpOptions = true,
    description =
        "Trains the same steps plainly and with a proof recorded (a checkpoint hashed and written every k steps, the step records, the manifest), alternating, and reports the overhead: the fastest runs against each other, and the median over the pairs. The target, <= 3%% at k = 10, holds when the recorder has a core of its own (fewer training threads than cores); with every core training it is reported against the floor docs/benchmarks.md explains.")
public final class ProofOverheadBenchCommand implements Callable<Integer> {

  /** The overhead target with a core to spare, as a fraction. */
  static final double TARGET = 0.03;

  @Mixin BenchOutput output;

  @Option(
      names = "--layers",
      paramLabel = "N",
      split = ",",
      defaultValue = "784,256,256,10",
      description = "MLP layer sizes, input to output (default: ${DEFAULT-VALUE}).")
  int[] layers;

  @Option(
      names = "--batch",
      paramLabel = "B",
      defaultValue = "128",
      description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--steps",
      paramLabel = "N",
      defaultValue = "2000",
      description = "Steps per run (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = {"-k", "--segment-length"},
      paramLabel = "K",
      defaultValue = "10",
      description = "Steps between checkpoints (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(
      names = "--threads",
      paramLabel = "N",
      split = ",",
      description =
          "Training thread counts to measure (default: one fewer than the cores, and all).")
  int[] threads;

  @Option(
      names = "--repeats",
      paramLabel = "R",
      defaultValue = "7",
      description = "Plain/proof run pairs per thread count (default: ${DEFAULT-VALUE}).")
  int repeats;

  /** The results file. */
  public record Report(
      String benchmark,
      String ranAt,
      String machine,
      int cores,
      int[] layers,
      int batch,
      int steps,
      int k,
      int repeats,
      long stateBytes,
      double target,
      List<Row> rows) {}

  @Override
  public Integer call() throws Exception {
    int cores = Runtime.getRuntime().availableProcessors();
    int[] counts =
        threads != null
            ? threads
            : IntStream.of(cores - 1, cores).filter(n -> n >= 1).distinct().toArray();
    Settings settings;
    try {
      settings = new Settings(layers, batch, steps, k, counts, repeats);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(output.spec.commandLine(), e.getMessage());
    }
    Workspace workspace = Workspace.locate();
    PrintWriter console = output.console();
    console.printf(
        "  model %s, batch %d, %d steps, k = %d, state %.1f MB, %d pairs per thread count%n",
        Arrays.toString(layers), batch, steps, k, settings.stateBytes() / 1e6, repeats);
    List<Row> rows = new ArrayList<>();
    for (int n : counts) {
      console.printf("  measuring %d training thread(s) ...%n", n);
      console.flush();
      rows.add(ProofOverheadBenchmark.measure(settings, n));
    }
    List<String[]> table = new ArrayList<>();
    table.add(
        new String[] {
          "threads", "plain s", "proof s", "overhead (fastest)", "overhead (median)", "target"
        });
    for (Row r : rows) {
      table.add(
          new String[] {
            Integer.toString(r.threads()),
            String.format("%.3f", r.plainSeconds()),
            String.format("%.3f", r.proofSeconds()),
            String.format("%+.1f%%", 100 * r.overheadFastest()),
            String.format("%+.1f%%", 100 * r.overheadMedian()),
            verdict(r, cores)
          });
    }
    output.table(table);
    String machine = MachineDescription.current();
    output.write(
        output.target(workspace),
        new Report(
            "proof-overhead",
            Instant.now().toString(),
            machine,
            cores,
            layers,
            batch,
            steps,
            k,
            repeats,
            settings.stateBytes(),
            TARGET,
            rows),
        machine);
    return 0;
  }

  /** The target applies with a core to spare; with every core training the floor is above it. */
  static String verdict(Row row, int cores) {
    if (row.threads() >= cores) {
      return "reported (every core trains)";
    }
    return row.overheadMedian() <= TARGET ? "<= 3%: met" : "<= 3%: missed";
  }
}
