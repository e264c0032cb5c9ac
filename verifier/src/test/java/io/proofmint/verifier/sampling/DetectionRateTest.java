package io.proofmint.verifier.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DetectionRateTest {

  @Test
  void measuredDetection_withTheProtocolSampler_matchesOneMinusOneMinusFToTheQ() {
    double[] fractions = {0.1, 0.25, 0.5};
    int[] qs = {4, 8, 16, 22, 44};
    DetectionRate.Measured[][] m = DetectionRate.measure(200, fractions, qs, 3000, 7);
    for (int fi = 0; fi < fractions.length; fi++) {
      for (int qi = 0; qi < qs.length; qi++) {
        double theory = SamplingCost.detection(fractions[fi], qs[qi]);
        double sigma = Math.sqrt(Math.max(theory * (1 - theory), 1e-6) / 3000);
        assertThat(m[fi][qi].rate())
            .as("f = %s, q = %d", fractions[fi], qs[qi])
            .isBetween(theory - 5 * sigma, theory + 5 * sigma);
      }
    }
    assertThat(m[0][4].meanDistinct()).isBetween(39.0, 40.2); // 200 (1 - (199/200)^44) = 39.6
  }
}
