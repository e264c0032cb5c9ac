package io.proofmint.worker.engine;

/**
 * The reference {@link GemmKernel}: the definition of {@link PortableGemm#multiply} written out
 * with {@link Math#fma(float, float, float)}, no blocking. Used where the Vector API is not in the
 * JVM, when a test forces it, and as the oracle other kernels are checked against.
 */
final class ScalarGemm implements GemmKernel {

  static final ScalarGemm INSTANCE = new ScalarGemm();

  private ScalarGemm() {}

  @Override
  public void multiply(
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
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float acc = init == null ? 0f : init[initOff + j];
        for (int p = 0; p < k; p++) {
          float ai = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
          acc = Math.fma(ai, b[bOff + p * ldb + j], acc);
        }
        c[cOff + i * ldc + j] = acc;
      }
    }
  }

  @Override
  public String name() {
    return "scalar";
  }
}
