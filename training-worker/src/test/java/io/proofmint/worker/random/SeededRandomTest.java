package io.proofmint.worker.random;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeededRandomTest {

  @Test
  void nextLong_isSplitMix64() {
    // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
    SeededRandom random = new SeededRandom(0);

    assertThat(random.nextLong()).isEqualTo(0xe220a8397b1dcdafL);
    assertThat(random.nextLong()).isEqualTo(0x6e789e6aa1b965f4L);
    assertThat(random.nextLong()).isEqualTo(0x06c45d188009454fL);
  }

  @Test
  void nextInt_staysInBounds_andCoversThem() {
    SeededRandom random = new SeededRandom(42);
    int[] counts = new int[7];
    for (int i = 0; i < 7000; i++) {
      counts[random.nextInt(7)]++;
    }

    for (int c : counts) {
      assertThat(c).isBetween(850, 1150);
    }
  }

  @Test
  void nextGaussian_hasUnitMoments() {
    SeededRandom random = SeededRandom.forStream(1, 2);
    double sum = 0;
    double squares = 0;
    int n = 20000;
    for (int i = 0; i < n; i++) {
      double g = random.nextGaussian();
      sum += g;
      squares += g * g;
    }

    assertThat(sum / n).isBetween(-0.03, 0.03);
    assertThat(squares / n).isBetween(0.96, 1.04);
  }

  @Test
  void streams_areIndependentOfEachOther() {
    assertThat(SeededRandom.forStream(1, 0).nextLong())
        .isNotEqualTo(SeededRandom.forStream(1, 1).nextLong())
        .isEqualTo(SeededRandom.forStream(1, 0).nextLong());
  }
}
