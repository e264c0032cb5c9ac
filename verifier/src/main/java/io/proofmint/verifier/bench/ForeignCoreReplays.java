package io.proofmint.verifier.bench;

import io.proofmint.worker.engine.RuntimeFacts;
import io.proofmint.worker.task.ModelDefinition;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Honest replays of a calibration bundle under other OpenBLAS kernel sets: one child JVM per core
 * type, started with its own {@code OPENBLAS_CORETYPE} ({@link ForeignCoreReplayer} is its main).
 * OpenBLAS picks its kernels once, when it loads, so another core needs another process. A core
 * this CPU cannot run (OpenBLAS then loads another one) is skipped, and said so.
 */
final class ForeignCoreReplays {

  /** The x86-64 kernel sets of OpenBLAS 0.3.19 worth comparing: AVX, AVX2 and AVX-512 ones. */
  static final List<String> CORES =
      List.of("Sandybridge", "Haswell", "Zen", "SkylakeX", "Cooperlake");

  /** What a child needs to rebuild the calibration's model and data. */
  record Setup(int[] layers, int batch, int examples) {}

  private ForeignCoreReplays() {}

  static List<ToleranceCalibration.Row> measure(
      String ownCore, Path bundleDir, ModelDefinition model, Setup setup, PrintStream out)
      throws IOException {
    List<ToleranceCalibration.Row> rows = new ArrayList<>();
    for (String core : CORES) {
      if (core.equals(ownCore)) {
        continue; // the in-process rows cover it
      }
      String[] reply = run(core, bundleDir, model, setup);
      if (!reply[0].equals(core)) {
        out.printf(
            "skipped OPENBLAS_CORETYPE=%s: this CPU runs it as %s (no such kernel support)%n",
            core, reply[0]);
        continue;
      }
      double[] distances =
          Arrays.stream(reply[1].split(",")).mapToDouble(Double::parseDouble).toArray();
      rows.add(new ToleranceCalibration.Row("honest", "core " + core + " (own JVM)", 1, distances));
    }
    return rows;
  }

  /** Runs one child; returns the core it ran and its comma-separated distances. */
  private static String[] run(String core, Path bundleDir, ModelDefinition model, Setup setup)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--add-modules");
    command.add("jdk.incubator.vector");
    if (Runtime.version().feature() >= 22) {
      command.add("--enable-native-access=ALL-UNNAMED");
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ForeignCoreReplayer.class.getName());
    command.add(bundleDir.toString());
    command.add(model.profile().canonical());
    command.add(
        String.join(",", Arrays.stream(setup.layers()).mapToObj(Integer::toString).toList()));
    command.add(Integer.toString(setup.batch()));
    command.add(Integer.toString(setup.examples()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put(RuntimeFacts.CORETYPE_VARIABLE, core);
    Process child = builder.start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!child.waitFor(10, TimeUnit.MINUTES) || child.exitValue() != 0) {
        throw new IOException("replay under OPENBLAS_CORETYPE=" + core + " failed:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted waiting for the replay under " + core, e);
    }
    String ran = null;
    String distances = null;
    for (String line : output.lines().toList()) {
      if (line.startsWith("CORE ")) {
        ran = line.substring(5).strip();
      } else if (line.startsWith("DISTANCES ")) {
        distances = line.substring(10).strip();
      }
    }
    if (ran == null || distances == null) {
      throw new IOException("replay under OPENBLAS_CORETYPE=" + core + " said nothing:\n" + output);
    }
    return new String[] {ran, distances};
  }
}
