package io.proofmint.worker.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PortableGemm#multiply} on the JDK Vector API: lanes run across output columns {@code j},
 * each lane one output element's sequential fma chain over {@code p}; never a sum across lanes. The
 * species is a {@code static final} (a species passed as a value is not intrinsified and runs ~80x
 * slower), chosen from {@value PortableKernels#WIDTH_PROPERTY} when the class loads.
 */
final class VectorGemm implements GemmKernel {

  static final VectorSpecies<Float> SPECIES = species();
  static final VectorGemm INSTANCE = new VectorGemm();

  private static final int LANES = SPECIES.length();

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
    int vectorColumns = n - n % LANES;
    for (int i = 0; i < m; i++) {
      // A(i, p) = a[aRow + p * aStep]
      int aRow = transA ? aOff + i : aOff + i * lda;
      int aStep = transA ? lda : 1;
      int cRow = cOff + i * ldc;
      for (int j = 0; j < vectorColumns; j += LANES) {
        FloatVector acc =
            init == null
                ? FloatVector.zero(SPECIES)
                : FloatVector.fromArray(SPECIES, init, initOff + j);
        for (int p = 0; p < k; p++) {
          FloatVector bp = FloatVector.fromArray(SPECIES, b, bOff + p * ldb + j);
          acc = FloatVector.broadcast(SPECIES, a[aRow + p * aStep]).fma(bp, acc);
        }
        acc.intoArray(c, cRow + j);
      }
      for (int j = vectorColumns; j < n; j++) {
        float acc = init == null ? 0f : init[initOff + j];
        for (int p = 0; p < k; p++) {
          acc = Math.fma(a[aRow + p * aStep], b[bOff + p * ldb + j], acc);
        }
        c[cRow + j] = acc;
      }
    }
  }

  @Override
  public String name() {
    return "vector-" + SPECIES.vectorBitSize();
  }
}
