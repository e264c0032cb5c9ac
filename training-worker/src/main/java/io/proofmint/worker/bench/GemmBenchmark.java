package io.proofmint.worker.bench;

import io.proofmint.worker.engine.KernelTimer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The portable profile's matrix kernel alone against ND4J's OpenBLAS {@code sgemm}, one thread, on
 * the reference MLP's product shapes and square ones up to 1024^3. Prints a table and one JSON
 * object (last line); docs/benchmarks.md quotes it beside Debian's OpenBLAS through numpy ({@code
 * training-worker/bench/numpy_sgemm.py}, the same shapes).
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp ... io.proofmint.worker.bench.GemmBenchmark [rounds]
 * </pre>
 */
public final class GemmBenchmark {

  /**
   * {@code name, transA, m, n, k}: the step's products at batch 128 and row block 32, then squares.
   */
  static final Object[][] SHAPES = {
    {"forward 784->256 (row block)", false, 32, 256, 784},
    {"forward 784->256 (batch)", false, 128, 256, 784},
    {"forward 256->256", false, 32, 256, 256},
    {"forward 256->10", false, 32, 10, 256},
    {"backprop 256<-256", false, 32, 256, 256},
    {"backprop 256<-10", false, 32, 256, 10},
    {"grad 784x256 tile (A^T)", true, 64, 256, 128},
    {"grad 256x10 (A^T)", true, 64, 10, 128},
    {"square 256", false, 256, 256, 256},
    {"square 512", false, 512, 512, 512},
    {"square 1024", false, 1024, 1024, 1024}
  };

  private GemmBenchmark() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    List<Map<String, Object>> rows = new ArrayList<>();
    System.out.printf(
        "%-30s %16s %10s %10s %8s%n", "shape", "m x n x k", "portable", "OpenBLAS", "ratio");
    for (Object[] s : SHAPES) {
      boolean transA = (Boolean) s[1];
      int m = (Integer) s[2];
      int n = (Integer) s[3];
      int k = (Integer) s[4];
      int repeats = (int) Math.max(1, 2e8 / (2.0 * m * n * k)); // ~0.2 GFLOP a round
      KernelTimer.portableGflops(transA, m, n, k, repeats, 2, false); // warm-up, JIT
      double portable = KernelTimer.portableGflops(transA, m, n, k, repeats, rounds, false);
      KernelTimer.openBlasGflops(transA, m, n, k, repeats, 2);
      double blas = KernelTimer.openBlasGflops(transA, m, n, k, repeats, rounds);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("shape", s[0]);
      row.put("transA", transA);
      row.put("m", m);
      row.put("n", n);
      row.put("k", k);
      row.put("portableGflops", round(portable));
      row.put("openBlasGflops", round(blas));
      row.put("ratio", round(portable / blas));
      rows.add(row);
      System.out.printf(
          "%-30s %16s %10.1f %10.1f %8.2f%n",
          s[0], m + "x" + n + "x" + k, portable, blas, portable / blas);
    }
    double scalar = KernelTimer.portableGflops(false, 128, 256, 784, 1, 3, true);
    System.out.printf("scalar kernel (Math.fma), 128x256x784: %.2f GFLOP/s%n", scalar);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("cpu", CpuInfo.modelName());
    result.put("java", Runtime.version().toString());
    result.put("kernel", KernelTimer.portableKernel());
    result.put("threads", 1);
    result.put("rounds", rounds);
    result.put("shapes", rows);
    result.put("scalarGflops128x256x784", round(scalar));
    System.out.println(Json.write(result));
  }

  private static double round(double x) {
    return Math.round(x * 100) / 100.0;
  }
}
