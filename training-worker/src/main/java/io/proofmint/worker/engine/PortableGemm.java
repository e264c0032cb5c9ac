package io.proofmint.worker.engine;

/**
 * The one matrix product of the portable profile: {@code C = init + A B} on row-major float32
 * arrays, where every output element is <b>one sequential fused multiply-add chain</b> over {@code
 * p = 0 .. k-1} in index order, starting from {@code init[j]} (or {@code +0.0f} without an init
 * row):
 *
 * <pre>{@code
 * acc = init == null ? +0.0f : init[initOff + j];
 * for (p = 0; p < k; p++) acc = fma(A(i, p), b[bOff + p*ldb + j], acc);
 * c[cOff + i*ldc + j] = acc;
 * }</pre>
 *
 * where {@code A(i, p)} is {@code a[aOff + i*lda + p]}, or {@code a[aOff + p*lda + i]} when {@code
 * transA} (the product {@code a^T b}, as in a weight gradient {@code input^T delta}).
 *
 * <p>{@code fma} is IEEE-754 fusedMultiplyAdd (one rounding), which {@link Math#fma(float, float,
 * float)} and the Vector API's lanewise {@code fma} compute exactly on every platform. So the bits
 * do not depend on the vector width, the register or cache blocking, how {@code k} is split into
 * blocks (a block continues the chain from the stored partial value; storing and reloading a float
 * is exact), the thread or the CPU. The implementation vectorizes across output columns only, never
 * across {@code k}.
 *
 * <p>Which implementation runs is chosen once per process by {@link PortableKernels}; every one
 * gives the same bits.
 */
final class PortableGemm {

  private PortableGemm() {}

  /**
   * {@code c[i][j] = chain over p of a[i][p] * b[p][j]}, from {@code init[j]} or {@code +0.0f}.
   *
   * @param transA whether {@code a} is stored transposed ({@code k x m}, row stride {@code lda})
   * @param m rows of {@code A} and {@code c}
   * @param n columns of {@code b} and {@code c}
   * @param k columns of {@code A}, rows of {@code b}: the chain's length (0 leaves {@code c} equal
   *     to the init)
   * @param init the starting value of column {@code j} is {@code init[initOff + j]}; {@code null}
   *     for {@code +0.0f}
   */
  static void multiply(
      boolean transA,
      int m,
      int n,
      int k,
      float[] a,
      int aOff,
      int lda,
      float[] b,
      int bOff,
      int ldb,
      float[] init,
      int initOff,
      float[] c,
      int cOff,
      int ldc) {
    PortableKernels.ACTIVE.multiply(
        transA, m, n, k, a, aOff, lda, b, bOff, ldb, init, initOff, c, cOff, ldc);
  }
}
