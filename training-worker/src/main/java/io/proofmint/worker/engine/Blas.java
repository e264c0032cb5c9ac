package io.proofmint.worker.engine;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The one BLAS routine the engine uses, row-major {@code sgemm}, called on ND4J's bundled OpenBLAS
 * (the same library and entry point ND4J's own {@code CpuLevel3} calls) without ND4J's per-call
 * wrapping, plus the process-wide thread settings exact mode needs.
 */
final class Blas {

  private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
  private static final int NO_TRANS = openblas_nolapack.CblasNoTrans;
  private static final int TRANS = openblas_nolapack.CblasTrans;

  private Blas() {}

  /**
   * {@code c = op(a) * op(b) + beta * c} on row-major matrices; {@code op(a)} is {@code m x k},
   * {@code op(b)} is {@code k x n}, {@code c} is {@code m x n}; {@code ld*} are the row strides.
   */
  static void gemm(
      boolean transA,
      boolean transB,
      int m,
      int n,
      int k,
      FloatPointer a,
      int lda,
      FloatPointer b,
      int ldb,
      float beta,
      FloatPointer c,
      int ldc) {
    openblas_nolapack.cblas_sgemm(
        ROW_MAJOR,
        transA ? TRANS : NO_TRANS,
        transB ? TRANS : NO_TRANS,
        m,
        n,
        k,
        1f,
        a,
        lda,
        b,
        ldb,
        beta,
        c,
        ldc);
  }

  /**
   * Makes every BLAS call and every libnd4j op single-threaded, so a call's bits do not depend on
   * the core count; parallelism comes from the engine's fixed decomposition instead.
   */
  static void useSingleThreadedCalls() {
    Nd4j.factory().blas().setMaxThreads(1);
    Nd4j.getEnvironment().setMaxThreads(1);
    Nd4j.getEnvironment().setMaxMasterThreads(1);
  }

  /** Threads one BLAS call may use right now. */
  static int threadsPerCall() {
    return Nd4j.factory().blas().getMaxThreads();
  }
}
