package io.proofmint.verifier.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.verifier.replay.ReplayPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToleranceCalibrationTest {

  @Test
  void recommend_isAHundredTimesTheLargestHonestDistance_roundedUpTo125() {
    List<ToleranceCalibration.Row> rows =
        List.of(
            new ToleranceCalibration.Row("honest", "rowBlock=16", 1, new double[] {1e-8, 3e-6}),
            new ToleranceCalibration.Row("attack: x", "rowBlock=8", 1, new double[] {0.05, 2}));
    assertThat(ToleranceCalibration.recommend(rows)).isEqualTo(5e-4);
    assertThat(ToleranceCalibration.roundUp125(1.1e-4)).isEqualTo(2e-4);
    assertThat(ToleranceCalibration.roundUp125(6e-4)).isEqualTo(1e-3);
    assertThat(ToleranceCalibration.roundUp125(1e-4)).isEqualTo(1e-4);
  }

  @Test
  void recommend_floorsTheHonestDistanceAtOneMillionth_whichGivesTheDefault() {
    List<ToleranceCalibration.Row> rows =
        List.of(new ToleranceCalibration.Row("honest", "rowBlock=16", 1, new double[] {0, 1e-9}));
    assertThat(ToleranceCalibration.recommend(rows) * 1e6)
        .isEqualTo(ReplayPolicy.DEFAULT_TOLERANCE_MICROS);
  }
}
