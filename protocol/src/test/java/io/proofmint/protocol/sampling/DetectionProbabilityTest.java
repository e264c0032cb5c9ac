package io.proofmint.protocol.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;

class DetectionProbabilityTest {

  @Test
  void of_isOneMinusEscapeProbability() {
    assertThat(DetectionProbability.of(0.1, 10)).isCloseTo(1 - Math.pow(0.9, 10), within(1e-15));
    assertThat(DetectionProbability.of(0.5, 0)).isZero();
    assertThat(DetectionProbability.of(1.0, 1)).isEqualTo(1.0);
    assertThat(DetectionProbability.of(1.0, 0)).isZero();
  }

  @Test
  void minSamples_matchesKnownValues() {
    assertThat(DetectionProbability.minSamples(0.1, 0.99)).isEqualTo(44);
    assertThat(DetectionProbability.minSamples(0.5, 0.99)).isEqualTo(7);
    assertThat(DetectionProbability.minSamples(0.5, 0.75)).isEqualTo(2); // exactly 0.75 at q = 2
    assertThat(DetectionProbability.minSamples(0.01, 0.95)).isEqualTo(299);
    assertThat(DetectionProbability.minSamples(1.0, 0.999)).isEqualTo(1);
    assertThat(DetectionProbability.minSamples(0.3, 0.0)).isZero();
  }

  @Test
  void minSamples_rejectsImpossibleTargets() {
    assertThatThrownBy(() -> DetectionProbability.minSamples(0.0, 0.5))
        .hasMessageContaining("expected > 0");
    assertThatThrownBy(() -> DetectionProbability.minSamples(0.5, 1.0))
        .hasMessage("target: expected a value in [0, 1), got 1.0");
  }

  @Property(tries = 500)
  void minSamples_isTheSmallestThatReachesTheTarget(
      @ForAll @DoubleRange(min = 0.001, max = 1.0) @Scale(6) double f,
      @ForAll @DoubleRange(min = 0.0, max = 0.9999) @Scale(6) double target) {
    int q = DetectionProbability.minSamples(f, target);
    assertThat(DetectionProbability.of(f, q)).isGreaterThanOrEqualTo(target);
    if (q > 0) {
      assertThat(DetectionProbability.of(f, q - 1)).isLessThan(target);
    }
  }
}
