package io.proofmint.worker.engine;

import io.proofmint.protocol.checkpoint.TensorSpec;
import io.proofmint.worker.random.SeededRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * An MLP's parameter layout and initial values, the same under every profile (a Java PRNG, no
 * backend): He-normal weights for the ReLU layers ({@code std = sqrt(2 / in)}), {@code std = sqrt(1
 * / in)} for the output layer, zero biases. Weight {@code l} draws from stream {@code l} of the
 * seed, row-major ({@code [in, out]}), each value {@code (float) (nextGaussian() * std)}.
 */
final class MlpInit {

  private MlpInit() {}

  /** {@code layer<l>.weight [in, out]}, {@code layer<l>.bias [out]}, for every layer in order. */
  static List<TensorSpec> parameterLayout(int[] sizes) {
    List<TensorSpec> names = new ArrayList<>();
    for (int l = 0; l + 1 < sizes.length; l++) {
      names.add(TensorSpec.float32("layer" + l + ".weight", new int[] {sizes[l], sizes[l + 1]}));
      names.add(TensorSpec.float32("layer" + l + ".bias", new int[] {sizes[l + 1]}));
    }
    return List.copyOf(names);
  }

  /** Fills {@code values} ({@code sizes[l] * sizes[l+1]} floats) with layer {@code l}'s weights. */
  static void weights(long seed, int[] sizes, int l, float[] values) {
    int layers = sizes.length - 1;
    SeededRandom random = SeededRandom.forStream(seed, l);
    double std = Math.sqrt((l < layers - 1 ? 2.0 : 1.0) / sizes[l]);
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) (random.nextGaussian() * std);
    }
  }
}
