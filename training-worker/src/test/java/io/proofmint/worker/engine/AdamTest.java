package io.proofmint.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.checkpoint.TensorSpec;
import io.proofmint.protocol.dataset.Examples;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdamTest {

  /** A model with one parameter vector and a gradient set by the test. */
  private static final class FixedGradientModel implements Model {
    final FloatBuffer values = direct(5);
    final FloatBuffer gradient = direct(5);

    @Override
    public ModelSpec spec() {
      return Engines.SMALL;
    }

    @Override
    public List<TensorSpec> parameterLayout() {
      return List.of(TensorSpec.float32("w", new int[] {5}));
    }

    @Override
    public void initialize(long seed) {}

    @Override
    public float forwardBackward(Examples data, int[] indices, WorkerPool workers) {
      return 0;
    }

    @Override
    public FloatBuffer parameter(int p) {
      return values;
    }

    @Override
    public FloatBuffer gradient(int p) {
      return gradient;
    }

    @Override
    public void close() {}

    private static FloatBuffer direct(int n) {
      return ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
  }

  @Test
  void firstStep_movesEachParameterByLearningRateAgainstTheGradientSign() {
    AdamConfig config = new AdamConfig(0.01f, 0.9f, 0.999f, 1e-8f);
    FixedGradientModel model = new FixedGradientModel();
    float[] g = {0.5f, -2f, 1e-3f, -1e-4f, 0f};
    model.gradient.put(0, g);
    Adam adam = new Adam(config, model.parameterLayout());

    adam.update(model, WorkerPool.singleThreaded());

    // With bias correction, step 1 is lr * g / (|g| + eps): the sign of g times lr.
    assertThat(model.values.get(0)).isCloseTo(-0.01f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(model.values.get(1)).isCloseTo(0.01f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(model.values.get(2)).isCloseTo(-0.01f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(model.values.get(3)).isCloseTo(0.01f, org.assertj.core.data.Offset.offset(1e-5f));
    assertThat(model.values.get(4)).isZero();
    assertThat(adam.step()).isEqualTo(1);
  }

  @Test
  void update_matchesTorchFormula_overSeveralSteps() {
    AdamConfig config = new AdamConfig(0.05f, 0.8f, 0.99f, 1e-6f);
    FixedGradientModel model = new FixedGradientModel();
    Adam adam = new Adam(config, model.parameterLayout());
    double p = 0;
    double m = 0;
    double v = 0;
    for (int t = 1; t <= 5; t++) {
      float g = 0.3f * t - 0.7f;
      model.gradient.put(0, g);
      adam.update(model, WorkerPool.singleThreaded());
      m = 0.8 * m + 0.2 * g;
      v = 0.99 * v + 0.01 * g * g;
      double mHat = m / (1 - Math.pow(0.8, t));
      double denominator = Math.sqrt(v) / Math.sqrt(1 - Math.pow(0.99, t)) + 1e-6;
      p -= 0.05 * mHat / denominator;
      assertThat((double) model.values.get(0))
          .isCloseTo(p, org.assertj.core.data.Offset.offset(1e-5));
    }
  }

  @Test
  void importState_rejectsFractionalStepCount() {
    FixedGradientModel model = new FixedGradientModel();
    Adam adam = new Adam(AdamConfig.defaults(), model.parameterLayout());
    List<NamedTensor> state =
        List.of(
            new NamedTensor("adam.m.w", new int[] {5}, new float[5]),
            new NamedTensor("adam.v.w", new int[] {5}, new float[5]),
            new NamedTensor("adam.step", new int[] {1}, new float[] {2.5f}));

    assertThatThrownBy(() -> adam.importState(state))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("adam.step: expected a whole number in [0, 2^24), got 2.5");
  }
}
