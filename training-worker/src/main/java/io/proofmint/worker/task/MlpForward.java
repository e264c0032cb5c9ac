package io.proofmint.worker.task;

import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.Tensor;
import io.proofmint.worker.engine.MlpSpec;

/**
 * The forward pass of an MLP checkpoint in plain Java (ReLU hidden layers, linear output), for
 * evaluation and serving; not part of any proof, so it needs no reproducibility profile. Immutable
 * and safe to share between threads.
 */
public final class MlpForward {

  private final int[] sizes;
  private final float[][] weights; // layer l: [in, out] row-major
  private final float[][] biases;

  public MlpForward(MlpSpec spec, Checkpoint checkpoint) {
    this.sizes = spec.layerSizes();
    int layers = sizes.length - 1;
    this.weights = new float[layers][];
    this.biases = new float[layers][];
    for (int l = 0; l < layers; l++) {
      weights[l] = tensor(checkpoint, "layer" + l + ".weight", sizes[l] * sizes[l + 1]).data();
      biases[l] = tensor(checkpoint, "layer" + l + ".bias", sizes[l + 1]).data();
    }
  }

  public int inputCount() {
    return sizes[0];
  }

  /** The output layer's values (unnormalized scores) for one example. */
  public float[] logits(float[] x) {
    if (x.length != sizes[0]) {
      throw new IllegalArgumentException(
          "input: expected " + sizes[0] + " features, got " + x.length);
    }
    float[] a = x;
    for (int l = 0; l < sizes.length - 1; l++) {
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
      if (l < sizes.length - 2) {
        for (int c = 0; c < out; c++) {
          z[c] = Math.max(z[c], 0f);
        }
      }
      a = z;
    }
    return a;
  }

  /** The index of the largest logit. */
  public static int argMax(float[] logits) {
    int best = 0;
    for (int c = 1; c < logits.length; c++) {
      if (logits[c] > logits[best]) {
        best = c;
      }
    }
    return best;
  }

  /** Softmax probabilities of {@code logits}. */
  public static float[] softmax(float[] logits) {
    float max = logits[argMax(logits)];
    double sum = 0;
    double[] e = new double[logits.length];
    for (int c = 0; c < logits.length; c++) {
      e[c] = Math.exp(logits[c] - max);
      sum += e[c];
    }
    float[] p = new float[logits.length];
    for (int c = 0; c < logits.length; c++) {
      p[c] = (float) (e[c] / sum);
    }
    return p;
  }

  private static Tensor tensor(Checkpoint checkpoint, String name, int elements) {
    Tensor t =
        checkpoint
            .tensor(name)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "checkpoint has no tensor " + name + " (not this MLP?)"));
    if (t.elementCount() != elements) {
      throw new IllegalArgumentException(
          "tensor " + name + ": expected " + elements + " elements, got " + t.elementCount());
    }
    return t;
  }
}
