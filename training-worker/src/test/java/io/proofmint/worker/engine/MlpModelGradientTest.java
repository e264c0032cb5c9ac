package io.proofmint.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.proofmint.protocol.dataset.Examples;
import java.nio.FloatBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both engines' loss and gradients against a plain double-precision Java MLP. */
class MlpModelGradientTest {

  @ParameterizedTest
  @ValueSource(strings = {"openblas", "portable"})
  void forwardBackward_matchesDoublePrecisionReference(String engine) {
    MlpSpec spec = Engines.SMALL;
    Examples data = Engines.SMALL_DATA;
    int[] indices = Engines.batch(3, 0, spec.batchSize(), data.size());
    if (engine.equals("openblas")) {
      Blas.useSingleThreadedCalls();
    }
    try (Model model =
            engine.equals("openblas") ? new MlpModel(spec, 16, 24) : new PortableMlpModel(spec);
        WorkerPool pool = WorkerPool.create(2)) {
      model.initialize(21);
      perturbBiases(model);

      float loss = model.forwardBackward(data, indices, pool);

      Reference ref = new Reference(model, spec);
      double refLoss = ref.lossAndGradients(data, indices);
      assertThat((double) loss).isCloseTo(refLoss, within(1e-5 * Math.max(1, refLoss)));
      for (int p = 0; p < model.parameterLayout().size(); p++) {
        FloatBuffer g = model.gradient(p);
        double[] expected = ref.gradients[p];
        double scale = 0;
        for (double e : expected) {
          scale = Math.max(scale, Math.abs(e));
        }
        assertThat(scale).as("gradient %d is not trivially zero", p).isGreaterThan(0);
        for (int i = 0; i < expected.length; i++) {
          assertThat((double) g.get(i))
              .as("gradient of %s element %d", model.parameterLayout().get(p).name(), i)
              .isCloseTo(expected[i], within(1e-4 * scale));
        }
      }
    }
  }

  /** Non-zero biases, so the bias path of the forward pass is exercised. */
  private static void perturbBiases(Model model) {
    for (int p = 1; p < model.parameterLayout().size(); p += 2) {
      FloatBuffer b = model.parameter(p);
      for (int i = 0; i < b.capacity(); i++) {
        b.put(i, 0.05f * ((i % 7) - 3));
      }
    }
  }

  /** Straightforward forward and backward in double precision, one example at a time. */
  private static final class Reference {
    private final int[] sizes;
    private final double[][] weights;
    private final double[][] biases;
    final double[][] gradients;

    Reference(Model model, MlpSpec spec) {
      sizes = spec.layerSizes();
      int layers = spec.layerCount();
      weights = new double[layers][];
      biases = new double[layers][];
      gradients = new double[2 * layers][];
      for (int l = 0; l < layers; l++) {
        weights[l] = toDoubles(model.parameter(2 * l));
        biases[l] = toDoubles(model.parameter(2 * l + 1));
        gradients[2 * l] = new double[weights[l].length];
        gradients[2 * l + 1] = new double[biases[l].length];
      }
    }

    double lossAndGradients(Examples data, int[] indices) {
      int layers = weights.length;
      double total = 0;
      for (int index : indices) {
        double[][] a = new double[layers + 1][];
        a[0] = new double[sizes[0]];
        for (int f = 0; f < sizes[0]; f++) {
          a[0][f] = data.features()[index * sizes[0] + f];
        }
        for (int l = 0; l < layers; l++) {
          a[l + 1] = new double[sizes[l + 1]];
          for (int o = 0; o < sizes[l + 1]; o++) {
            double z = biases[l][o];
            for (int i = 0; i < sizes[l]; i++) {
              z += a[l][i] * weights[l][i * sizes[l + 1] + o];
            }
            a[l + 1][o] = l < layers - 1 ? Math.max(0, z) : z;
          }
        }
        double[] logits = a[layers];
        double max = Double.NEGATIVE_INFINITY;
        for (double z : logits) {
          max = Math.max(max, z);
        }
        double sum = 0;
        for (double z : logits) {
          sum += Math.exp(z - max);
        }
        int label = data.labels()[index];
        total += Math.log(sum) - (logits[label] - max);
        double[] delta = new double[logits.length];
        for (int j = 0; j < logits.length; j++) {
          delta[j] = (Math.exp(logits[j] - max) / sum - (j == label ? 1 : 0)) / indices.length;
        }
        for (int l = layers - 1; l >= 0; l--) {
          for (int i = 0; i < sizes[l]; i++) {
            for (int o = 0; o < sizes[l + 1]; o++) {
              gradients[2 * l][i * sizes[l + 1] + o] += a[l][i] * delta[o];
            }
          }
          for (int o = 0; o < sizes[l + 1]; o++) {
            gradients[2 * l + 1][o] += delta[o];
          }
          if (l > 0) {
            double[] previous = new double[sizes[l]];
            for (int i = 0; i < sizes[l]; i++) {
              double s = 0;
              for (int o = 0; o < sizes[l + 1]; o++) {
                s += delta[o] * weights[l][i * sizes[l + 1] + o];
              }
              previous[i] = a[l][i] > 0 ? s : 0;
            }
            delta = previous;
          }
        }
      }
      return total / indices.length;
    }

    private static double[] toDoubles(FloatBuffer b) {
      double[] out = new double[b.capacity()];
      for (int i = 0; i < out.length; i++) {
        out[i] = b.get(i);
      }
      return out;
    }
  }
}
