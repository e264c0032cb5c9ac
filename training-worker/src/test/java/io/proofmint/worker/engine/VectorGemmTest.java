package io.proofmint.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.worker.random.SeededRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * This process's kernel (the Vector API one at the CPU's width, under the test JVM's flags) against
 * the scalar definition, bit for bit, on shapes with every kind of remainder; other widths run in
 * their own JVMs ({@code PortableEngineDeterminismTest}).
 */
class VectorGemmTest {

  @ParameterizedTest(name = "{0} x {1} x {2}, transA {3}")
  @CsvSource({
    "1, 1, 1, false",
    "4, 32, 7, false",
    "5, 33, 9, true",
    "7, 10, 256, false",
    "3, 3, 0, false",
    "13, 47, 29, true",
    "32, 256, 784, false",
    "64, 10, 128, true",
    "9, 129, 17, false"
  })
  void activeKernel_equalsTheScalarDefinition_bitForBit(int m, int n, int k, boolean transA) {
    for (boolean withInit : new boolean[] {false, true}) {
      int lda = (transA ? m : k) + 3; // a row stride wider than the rows
      int ldb = n + 5;
      int ldc = n + 2;
      float[] a = random(1, 2 + (transA ? k : m) * lda);
      float[] b = random(2, 1 + k * ldb);
      float[] init = withInit ? random(3, n + 4) : null;
      float[] expected = new float[1 + m * ldc];
      float[] actual = expected.clone();
      ScalarGemm.INSTANCE.multiply(
          transA, m, n, k, a, 2, lda, b, 1, ldb, init, withInit ? 4 : 0, expected, 1, ldc);
      PortableGemm.multiply(
          transA, m, n, k, a, 2, lda, b, 1, ldb, init, withInit ? 4 : 0, actual, 1, ldc);

      for (int i = 0; i < expected.length; i++) {
        assertThat(Float.floatToRawIntBits(actual[i]))
            .as("element %d (init %s)", i, withInit)
            .isEqualTo(Float.floatToRawIntBits(expected[i]));
      }
    }
  }

  /** The chain is fused: a multiply-then-add reference gives other bits, so the test can fail. */
  @Test
  void theChainIsFused_notMultiplyThenAdd() {
    int m = 8;
    int n = 40;
    int k = 300;
    float[] a = random(4, m * k);
    float[] b = random(5, k * n);
    float[] c = new float[m * n];
    PortableGemm.multiply(false, m, n, k, a, 0, k, b, 0, n, null, 0, c, 0, n);
    int differing = 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        float acc = 0f;
        for (int p = 0; p < k; p++) {
          acc = acc + a[i * k + p] * b[p * n + j];
        }
        differing += Float.floatToRawIntBits(acc) != Float.floatToRawIntBits(c[i * n + j]) ? 1 : 0;
      }
    }
    assertThat(differing).isGreaterThan(m * n / 4);
  }

  @Test
  void aProductOfNegativeZero_startsFromPositiveZero() {
    float[] c = {Float.NaN};
    PortableGemm.multiply(
        false, 1, 1, 1, new float[] {-0f}, 0, 1, new float[] {1f}, 0, 1, null, 0, c, 0, 1);
    assertThat(Float.floatToRawIntBits(c[0])).isEqualTo(Float.floatToRawIntBits(0f));
  }

  private static float[] random(long seed, int count) {
    SeededRandom random = new SeededRandom(seed);
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return values;
  }
}
