package io.proofmint.worker.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PortableGemm#multiply} on the JDK Vector API. Lanes run across output columns {@code j}
 * only: each lane holds one output element's accumulator, and every step of {@code p} does {@code
 * acc = fma(A(i, p), b[p][j], acc)} on it, in order from {@code p = 0}. Nothing is ever summed
 * across lanes, and no chain is split, so the bits are those of {@link ScalarGemm} whatever the
 * width and the blocking.
 *
 * <p>Blocking (speed only): a micro-kernel of 4 rows x 2 vectors keeps 8 independent chains in
 * registers, loading 2 vectors of {@code b} and broadcasting 4 values of {@code A} per {@code p};
 * the columns past the last pair of vectors run 4 rows x 1 vector, the last vector masked (lanes
 * past {@code n} neither load nor store), and rows past the last 4 run 1 row at a time. The species
 * is a {@code static final}: a species passed as a value is not intrinsified and runs ~80x slower.
 * It is chosen from {@value PortableKernels#WIDTH_PROPERTY} when the class loads.
 */
final class VectorGemm implements GemmKernel {

  static final VectorSpecies<Float> SPECIES = species();
  static final VectorGemm INSTANCE = new VectorGemm();

  private static final int LANES = SPECIES.length();
  private static final VectorMask<Float> ALL = SPECIES.maskAll(true);

  private VectorGemm() {}

  private static VectorSpecies<Float> species() {
    String width = System.getProperty(PortableKernels.WIDTH_PROPERTY, "auto").trim();
    return switch (width) {
      case "auto", "" -> FloatVector.SPECIES_PREFERRED;
      case "64" -> FloatVector.SPECIES_64;
      case "128" -> FloatVector.SPECIES_128;
      case "256" -> FloatVector.SPECIES_256;
      case "512" -> FloatVector.SPECIES_512;
      default ->
          throw new IllegalArgumentException(
              "%s: expected auto, 0, 64, 128, 256 or 512, got '%s'"
                  .formatted(PortableKernels.WIDTH_PROPERTY, width));
    };
  }

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
    // A(i, p) = a[aOff + i * rowStep + p * pStep]
    int rowStep = transA ? 1 : lda;
    int pStep = transA ? lda : 1;
    int wide = n - n % (2 * LANES);
    for (int j = 0; j < wide; j += 2 * LANES) {
      int i = 0;
      for (; i + 4 <= m; i += 4) {
        block4x2(i, j, k, a, aOff, rowStep, pStep, b, bOff, ldb, init, initOff, c, cOff, ldc);
      }
      for (; i < m; i++) {
        block1x1(i, j, ALL, k, a, aOff, rowStep, pStep, b, bOff, ldb, init, initOff, c, cOff, ldc);
        block1x1(
            i, j + LANES, ALL, k, a, aOff, rowStep, pStep, b, bOff, ldb, init, initOff, c, cOff,
            ldc);
      }
    }
    // The last columns, whole vectors or not, one (masked) vector wide: lanes past n load and
    // store nothing, and the lanes inside still run their own chains.
    for (int j = wide; j < n; j += LANES) {
      VectorMask<Float> lanes = SPECIES.indexInRange(j, n);
      int i = 0;
      for (; i + 4 <= m; i += 4) {
        block4x1(
            i, j, lanes, k, a, aOff, rowStep, pStep, b, bOff, ldb, init, initOff, c, cOff, ldc);
      }
      for (; i < m; i++) {
        block1x1(
            i, j, lanes, k, a, aOff, rowStep, pStep, b, bOff, ldb, init, initOff, c, cOff, ldc);
      }
    }
  }

  /** Rows {@code i..i+3}, the masked columns from {@code j}: four chains per lane. */
  private static void block4x1(
      int i,
      int j,
      VectorMask<Float> lanes,
      int k,
      float[] a,
      int aOff,
      int rowStep,
      int pStep,
      float[] b,
      int bOff,
      int ldb,
      float[] init,
      int initOff,
      float[] c,
      int cOff,
      int ldc) {
    FloatVector s = start(init, initOff + j, lanes);
    FloatVector c0 = s;
    FloatVector c1 = s;
    FloatVector c2 = s;
    FloatVector c3 = s;
    int a0 = aOff + i * rowStep;
    int a1 = a0 + rowStep;
    int a2 = a1 + rowStep;
    int a3 = a2 + rowStep;
    int bp = bOff + j;
    for (int p = 0; p < k; p++) {
      FloatVector bv = FloatVector.fromArray(SPECIES, b, bp, lanes);
      int ap = p * pStep;
      c0 = FloatVector.broadcast(SPECIES, a[a0 + ap]).fma(bv, c0);
      c1 = FloatVector.broadcast(SPECIES, a[a1 + ap]).fma(bv, c1);
      c2 = FloatVector.broadcast(SPECIES, a[a2 + ap]).fma(bv, c2);
      c3 = FloatVector.broadcast(SPECIES, a[a3 + ap]).fma(bv, c3);
      bp += ldb;
    }
    int row = cOff + i * ldc + j;
    c0.intoArray(c, row, lanes);
    c1.intoArray(c, row + ldc, lanes);
    c2.intoArray(c, row + 2 * ldc, lanes);
    c3.intoArray(c, row + 3 * ldc, lanes);
  }

  /** Rows {@code i..i+3}, columns {@code j..j+2*LANES-1}: eight chains side by side. */
  private static void block4x2(
      int i,
      int j,
      int k,
      float[] a,
      int aOff,
      int rowStep,
      int pStep,
      float[] b,
      int bOff,
      int ldb,
      float[] init,
      int initOff,
      float[] c,
      int cOff,
      int ldc) {
    FloatVector s0 = start(init, initOff + j);
    FloatVector s1 = start(init, initOff + j + LANES);
    FloatVector c00 = s0;
    FloatVector c01 = s1;
    FloatVector c10 = s0;
    FloatVector c11 = s1;
    FloatVector c20 = s0;
    FloatVector c21 = s1;
    FloatVector c30 = s0;
    FloatVector c31 = s1;
    int a0 = aOff + i * rowStep;
    int a1 = a0 + rowStep;
    int a2 = a1 + rowStep;
    int a3 = a2 + rowStep;
    int bp = bOff + j;
    for (int p = 0; p < k; p++) {
      FloatVector b0 = FloatVector.fromArray(SPECIES, b, bp);
      FloatVector b1 = FloatVector.fromArray(SPECIES, b, bp + LANES);
      int ap = p * pStep;
      FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + ap]);
      c00 = x.fma(b0, c00);
      c01 = x.fma(b1, c01);
      x = FloatVector.broadcast(SPECIES, a[a1 + ap]);
      c10 = x.fma(b0, c10);
      c11 = x.fma(b1, c11);
      x = FloatVector.broadcast(SPECIES, a[a2 + ap]);
      c20 = x.fma(b0, c20);
      c21 = x.fma(b1, c21);
      x = FloatVector.broadcast(SPECIES, a[a3 + ap]);
      c30 = x.fma(b0, c30);
      c31 = x.fma(b1, c31);
      bp += ldb;
    }
    int row = cOff + i * ldc + j;
    c00.intoArray(c, row);
    c01.intoArray(c, row + LANES);
    row += ldc;
    c10.intoArray(c, row);
    c11.intoArray(c, row + LANES);
    row += ldc;
    c20.intoArray(c, row);
    c21.intoArray(c, row + LANES);
    row += ldc;
    c30.intoArray(c, row);
    c31.intoArray(c, row + LANES);
  }

  /** Row {@code i}, the masked columns from {@code j}: one vector of chains. */
  private static void block1x1(
      int i,
      int j,
      VectorMask<Float> lanes,
      int k,
      float[] a,
      int aOff,
      int rowStep,
      int pStep,
      float[] b,
      int bOff,
      int ldb,
      float[] init,
      int initOff,
      float[] c,
      int cOff,
      int ldc) {
    FloatVector acc = start(init, initOff + j, lanes);
    int aRow = aOff + i * rowStep;
    int bp = bOff + j;
    for (int p = 0; p < k; p++) {
      acc =
          FloatVector.broadcast(SPECIES, a[aRow + p * pStep])
              .fma(FloatVector.fromArray(SPECIES, b, bp, lanes), acc);
      bp += ldb;
    }
    acc.intoArray(c, cOff + i * ldc + j, lanes);
  }

  private static FloatVector start(float[] init, int offset) {
    return init == null ? FloatVector.zero(SPECIES) : FloatVector.fromArray(SPECIES, init, offset);
  }

  private static FloatVector start(float[] init, int offset, VectorMask<Float> lanes) {
    return init == null
        ? FloatVector.zero(SPECIES)
        : FloatVector.fromArray(SPECIES, init, offset, lanes);
  }

  @Override
  public String name() {
    return "vector-" + SPECIES.vectorBitSize();
  }
}
