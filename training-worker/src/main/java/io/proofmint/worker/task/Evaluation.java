package io.proofmint.worker.task;

import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.Tensor;
import io.proofmint.worker.data.Examples;
import io.proofmint.worker.engine.MlpSpec;

/**
 * Classification accuracy of an MLP checkpoint on held-out examples, computed in plain Java from
 * the checkpoint's parameters ({@code layer<l>.weight} [in, out] row-major, {@code layer<l>.bias}).
 * Evaluation is not part of any proof, so it needs no reproducibility profile.
 */
public final class Evaluation {

  private Evaluation() {}

  /** The fraction of {@code data} whose arg-max logit is the label. */
  public static double accuracy(MlpSpec spec, Checkpoint checkpoint, Examples data) {
    int[] sizes = spec.layerSizes();
    if (data.featureCount() != sizes[0]) {
      throw new IllegalArgumentException(
          "evaluation data has " + data.featureCount() + " features, the model takes " + sizes[0]);
    }
    int layers = sizes.length - 1;
    float[][] weights = new float[layers][];
    float[][] biases = new float[layers][];
    for (int l = 0; l < layers; l++) {
      weights[l] = tensor(checkpoint, "layer" + l + ".weight").data();
      biases[l] = tensor(checkpoint, "layer" + l + ".bias").data();
    }
    int correct = 0;
    float[] x = new float[sizes[0]];
    for (int i = 0; i < data.size(); i++) {
      System.arraycopy(data.features(), i * sizes[0], x, 0, sizes[0]);
      float[] a = x;
      for (int l = 0; l < layers; l++) {
        int in = sizes[l];
        int out = sizes[l + 1];
        float[] z = biases[l].clone();
        for (int r = 0; r < in; r++) {
          float v = a[r];
          if (v == 0f) {
            continue;
          }
          int row = r * out;
          for (int c = 0; c < out; c++) {
            z[c] += v * weights[l][row + c];
          }
        }
        if (l < layers - 1) {
          for (int c = 0; c < out; c++) {
            z[c] = Math.max(z[c], 0f);
          }
        }
        a = z;
      }
      int best = 0;
      for (int c = 1; c < a.length; c++) {
        if (a[c] > a[best]) {
          best = c;
        }
      }
      if (best == data.labels()[i]) {
        correct++;
      }
    }
    return data.size() == 0 ? 0 : (double) correct / data.size();
  }

  private static Tensor tensor(Checkpoint checkpoint, String name) {
    return checkpoint
        .tensor(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "checkpoint has no tensor " + name + " (not an MLP?)"));
  }
}
