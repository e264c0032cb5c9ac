package io.proofmint.worker.engine;

import io.proofmint.worker.random.SeededRandom;

/**
 * Times one matrix product shape, single-threaded, under the portable kernel of this process and
 * under ND4J's OpenBLAS {@code cblas_sgemm}, for {@code GemmBenchmark}. Best of {@code rounds}
 * timed runs of {@code repeats} products each, in GFLOP/s ({@code 2 m n k} per product).
 */
public final class KernelTimer {

  private KernelTimer() {}

  /** The name of this process's portable kernel, e.g. {@code vector-512}. */
  public static String portableKernel() {
    return PortableKernels.ACTIVE.name();
  }

  /** The portable kernel on {@code C = A B} (or {@code A^T B}), {@code init} a bias row. */
  public static double portableGflops(
      boolean transA, int m, int n, int k, int repeats, int rounds, boolean scalar) {
    float[] a = random(1, (long) m * k);
    float[] b = random(2, (long) k * n);
    float[] bias = random(3, n);
    float[] c = new float[m * n];
    int lda = transA ? m : k;
    GemmKernel kernel = scalar ? ScalarGemm.INSTANCE : PortableKernels.ACTIVE;
    double best = Double.MAX_VALUE;
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < repeats; i++) {
        kernel.multiply(transA, m, n, k, a, 0, lda, b, 0, n, bias, 0, c, 0, n);
      }
      best = Math.min(best, (System.nanoTime() - start) / (double) repeats);
    }
    return 2.0 * m * n * k / best;
  }

  /** ND4J's OpenBLAS, one thread per call, the same shape (beta 1 on a bias-filled C). */
  public static double openBlasGflops(
      boolean transA, int m, int n, int k, int repeats, int rounds) {
    Blas.useSingleThreadedCalls();
    try (DenseMatrix a = transA ? new DenseMatrix(k, m) : new DenseMatrix(m, k);
        DenseMatrix b = new DenseMatrix(k, n);
        DenseMatrix c = new DenseMatrix(m, n)) {
      a.copyFrom(random(1, (long) m * k));
      b.copyFrom(random(2, (long) k * n));
      int lda = transA ? m : k;
      double best = Double.MAX_VALUE;
      for (int r = 0; r < rounds; r++) {
        long start = System.nanoTime();
        for (int i = 0; i < repeats; i++) {
          Blas.gemm(transA, false, m, n, k, a.pointer, lda, b.pointer, n, 1f, c.pointer, n);
        }
        best = Math.min(best, (System.nanoTime() - start) / (double) repeats);
      }
      return 2.0 * m * n * k / best;
    }
  }

  private static float[] random(long seed, long count) {
    SeededRandom random = new SeededRandom(seed);
    float[] values = new float[Math.toIntExact(count)];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }
}
