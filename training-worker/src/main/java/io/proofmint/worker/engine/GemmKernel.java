package io.proofmint.worker.engine;

/**
 * One implementation of {@link PortableGemm#multiply}: every implementation computes each output
 * element as the same sequential fma chain, so all give the same bits.
 */
interface GemmKernel {

  /** See {@link PortableGemm#multiply}. */
  void multiply(
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
      int ldc);

  /** A short name for logs and benchmark output, e.g. {@code scalar} or {@code vector-256}. */
  String name();
}
