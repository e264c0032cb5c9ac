package io.proofmint.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.proofmint.cli.Workspace;
import io.proofmint.devnet.ProofmintHome;
import io.proofmint.worker.bench.TrainingBenchmark;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `proofmint bench training`: the portable engine, the OpenBLAS engine and PyTorch on one model in
 * one run, per CPU-second (docs/benchmarks.md).
 */
@Command(
    name = "training",
    footer = {"", "Example:", "  proofmint bench training --steps 400 --threads 1,2"},
    mixinStandardHelpOptions = true,
    description = {
      "Trains the same MLP with the portable-profile engine, the OpenBLAS-profile engine and (where /usr/bin/python3 has torch: apt-get install python3-torch libopenblas0-pthread) PyTorch, for each thread count, and reports steps per second and per CPU-second with the targets: portable >= 0.8x OpenBLAS and >= 1.0x PyTorch per CPU-second.",
      " Example: proofmint bench training --steps 400 --threads 1,2"
    })
public final class TrainingBenchCommand implements Callable<Integer> {

  static final double OPENBLAS_TARGET = 0.8;
  static final double TORCH_TARGET = 1.0;

  @Mixin BenchOutput output;

  @Option(
      names = "--layers",
      paramLabel = "N,N,...",
      defaultValue = "784,256,256,10",
      description = "MLP layer sizes, input to output (default: ${DEFAULT-VALUE}).")
  String layers;

  @Option(
      names = "--batch",
      paramLabel = "B",
      defaultValue = "128",
      description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--steps",
      paramLabel = "N",
      defaultValue = "400",
      description = "Timed steps per run (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--warmup",
      paramLabel = "N",
      defaultValue = "50",
      description = "Untimed steps first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--threads",
      paramLabel = "N,N,...",
      defaultValue = "1,2",
      description = "Thread counts to measure (default: ${DEFAULT-VALUE}).")
  String threads;

  @Option(
      names = "--python",
      paramLabel = "PATH",
      defaultValue = "/usr/bin/python3",
      description = "Interpreter with Debian's python3-torch (default: ${DEFAULT-VALUE}).")
  Path python;

  @Override
  public Integer call() throws Exception {
    PrintWriter console = output.console();
    console.printf("  measuring the engines (%s, batch %d, %d steps) ...%n", layers, batch, steps);
    console.flush();
    Map<String, Object> java =
        TrainingBenchmark.run(
            "--layers",
            layers,
            "--batch",
            Integer.toString(batch),
            "--steps",
            Integer.toString(steps),
            "--warmup",
            Integer.toString(warmup),
            "--threads",
            threads,
            "--naive",
            "false");
    Map<String, Object> torch = torch(console);
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("benchmark", "training");
    report.put("engines", java);
    report.put("torch", torch);
    List<String[]> table = new ArrayList<>();
    table.add(new String[] {"threads", "portable/OpenBLAS", "portable/PyTorch", "targets"});
    Map<String, Object> ratios = new LinkedHashMap<>();
    for (String t : threads.split(",")) {
      String key = "threads" + t.trim();
      double portable = perCpuSecond(java.get("portable"), key);
      double blas = perCpuSecond(java.get("engine"), key);
      Double vsTorch = torch == null ? null : portable / perCpuSecond(torch.get("torch"), key);
      double vsBlas = portable / blas;
      ratios.put(
          key,
          Map.of(
              "portableVsOpenBlas", vsBlas, "portableVsTorch", vsTorch == null ? "n/a" : vsTorch));
      table.add(
          new String[] {
            t.trim(),
            String.format("%.2f", vsBlas),
            vsTorch == null ? "n/a" : String.format("%.2f", vsTorch),
            verdict(vsBlas >= OPENBLAS_TARGET)
                + " / "
                + (vsTorch == null ? "n/a" : verdict(vsTorch >= TORCH_TARGET))
          });
    }
    report.put("perCpuSecondRatios", ratios);
    output.table(table);
    String machine = MachineDescription.current();
    output.write(output.target(Workspace.locate()), report, machine);
    return 0;
  }

  private static String verdict(boolean met) {
    return met ? "met" : "missed";
  }

  @SuppressWarnings("unchecked")
  private static double perCpuSecond(Object byThreads, String key) {
    Map<String, Object> rate = (Map<String, Object>) ((Map<String, Object>) byThreads).get(key);
    return ((Number) rate.get("stepsPerCpuSecond")).doubleValue();
  }

  /** PyTorch's numbers from training-worker/bench/torch_mlp.py, or null (with the reason said). */
  @SuppressWarnings("unchecked")
  private Map<String, Object> torch(PrintWriter console) throws IOException, InterruptedException {
    Path script = ProofmintHome.locate().resolve("training-worker/bench/torch_mlp.py");
    if (!Files.isExecutable(python) || !Files.isRegularFile(script)) {
      console.printf("  PyTorch: skipped (%s or %s missing)%n", python, script);
      return null;
    }
    Process check = new ProcessBuilder(python.toString(), "-c", "import torch").start();
    if (check.waitFor() != 0) {
      console.printf(
          "  PyTorch: skipped (%s has no torch: apt-get install python3-torch"
              + " libopenblas0-pthread)%n",
          python);
      return null;
    }
    console.printf("  measuring PyTorch ...%n");
    console.flush();
    Process run =
        new ProcessBuilder(
                python.toString(),
                script.toString(),
                "--layers",
                layers,
                "--batch",
                Integer.toString(batch),
                "--steps",
                Integer.toString(steps),
                "--warmup",
                Integer.toString(warmup),
                "--threads",
                threads)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!run.waitFor(30, TimeUnit.MINUTES) || run.exitValue() != 0) {
      throw new IOException("torch_mlp.py failed (exit " + run.exitValue() + "): " + out);
    }
    List<String> lines = out.strip().lines().toList();
    return new ObjectMapper().readValue(lines.get(lines.size() - 1), Map.class);
  }
}
