package io.proofmint.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NamedTensorTest {

  @Test
  void constructor_rejectsDataThatDoesNotFitTheShape() {
    assertThatThrownBy(() -> new NamedTensor("w", new int[] {2, 3}, new float[5]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("tensor w: shape [2, 3] needs 6 floats, got 5");
    assertThatThrownBy(() -> new NamedTensor("w", new int[] {2, 0}, new float[0]))
        .hasMessage("tensor 'w': expected dimensions >= 1, got shape [2, 0]");
  }

  @Test
  void equality_comparesBits_notValues() {
    NamedTensor zero = new NamedTensor("b", new int[] {1}, new float[] {0f});
    NamedTensor negativeZero = new NamedTensor("b", new int[] {1}, new float[] {-0f});
    NamedTensor nan = new NamedTensor("b", new int[] {1}, new float[] {Float.NaN});

    assertThat(zero).isNotEqualTo(negativeZero);
    assertThat(nan).isEqualTo(new NamedTensor("b", new int[] {1}, new float[] {Float.NaN}));
    assertThat(zero).isEqualTo(new NamedTensor("b", new int[] {1}, new float[] {0f}));
    assertThat(zero.hashCode())
        .isEqualTo(new NamedTensor("b", new int[] {1}, new float[] {0f}).hashCode());
  }

  @Test
  void shape_isCopiedInAndOut() {
    int[] shape = {2, 2};
    NamedTensor t = new NamedTensor("w", shape, new float[4]);
    shape[0] = 4;
    t.shape()[1] = 9;

    assertThat(t.shape()).containsExactly(2, 2);
  }
}
