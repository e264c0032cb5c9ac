package io.proofmint.verifier.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SamplingCostTest {

  @Test
  void defaultSamples_catchTenPercentFakedWithNinetyNinePercent() {
    assertThat(SamplingCost.detection(0.10, SamplingCost.DEFAULT_SAMPLES))
        .isGreaterThanOrEqualTo(0.99);
    assertThat(SamplingCost.detection(0.10, SamplingCost.DEFAULT_SAMPLES - 1)).isLessThan(0.99);
  }

  @Test
  void expectedDistinct_isBelowQ_andApproachesItForManySegments() {
    assertThat(SamplingCost.expectedDistinct(1, 44)).isCloseTo(1, within(1e-12));
    assertThat(SamplingCost.expectedDistinct(880, 44)).isCloseTo(42.94, within(0.01));
    assertThat(SamplingCost.expectedDistinct(1_000_000, 44)).isCloseTo(44, within(0.001));
  }

  @Test
  void minSegments_forFivePercent_is859_withDeduplication_against880_without() {
    long s = SamplingCost.minSegments(44, 0.05);
    assertThat(s).isEqualTo(859);
    assertThat(SamplingCost.replayedFraction(s, 44)).isLessThanOrEqualTo(0.05);
    assertThat(SamplingCost.replayedFraction(s - 1, 44)).isGreaterThan(0.05);
    assertThat(SamplingCost.replayedFractionBound(880, 44)).isEqualTo(0.05);
    assertThat(SamplingCost.maxSegmentLength(10_000, 44, 0.05)).isEqualTo(11);
  }
}
