package io.proofmint.verifier.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.proofmint.protocol.checkpoint.Tensor;
import org.junit.jupiter.api.Test;

class StateDistanceTest {

  @Test
  void relative_isTheL2ErrorOverTheCommittedNorm() {
    Tensor committed = Tensor.of("w", new int[] {2}, new float[] {3, 4});
    Tensor replayed = Tensor.of("w", new int[] {2}, new float[] {3, 4.5f});
    assertThat(StateDistance.relative(replayed, committed)).isCloseTo(0.5 / 5, within(1e-6));
    assertThat(StateDistance.relative(committed, committed)).isZero();
  }

  @Test
  void relative_isInfiniteForMisalignedTensorsAndNaN() {
    Tensor a = Tensor.of("w", new int[] {2}, new float[] {1, 2});
    assertThat(StateDistance.relative(a, Tensor.of("v", new int[] {2}, new float[] {1, 2})))
        .isInfinite();
    assertThat(StateDistance.relative(a, Tensor.of("w", new int[] {1, 2}, new float[] {1, 2})))
        .isInfinite();
    assertThat(StateDistance.relative(Tensor.of("w", new int[] {2}, new float[] {Float.NaN, 2}), a))
        .isInfinite();
  }

  @Test
  void relative_ofAZeroCommittedTensor_isBoundedByEpsilon() {
    Tensor zero = Tensor.of("b", new int[] {2}, new float[] {0, 0});
    Tensor tiny = Tensor.of("b", new int[] {2}, new float[] {1e-9f, 0});
    assertThat(StateDistance.relative(tiny, zero)).isCloseTo(1e-3, within(1e-6));
  }
}
