package io.proofmint.worker.engine;

/**
 * Every array of an MLP under the portable profile, on the Java heap and allocated once: parameters
 * and gradients, a transposed copy of each weight for back-propagation, and the full-batch input,
 * activations and deltas (row-major). Row blocks and gradient tasks work on parts of these.
 *
 * <p>Layer {@code l} maps {@code sizes[l]} to {@code sizes[l+1]} features; {@code activations[l]}
 * and {@code deltas[l]} are its {@code batch x sizes[l+1]} output (after ReLU for hidden layers,
 * logits for the last) and the loss gradient with respect to its pre-activation.
 */
final class PortableMlpBuffers {

  final int[] sizes;
  final int batch;
  final float[][] weights;

  /** {@code weightsT[l][j * in + i] = weights[l][i * out + j]}, refreshed before every backward. */
  final float[][] weightsT;

  final float[][] biases;
  final float[][] weightGrads;
  final float[][] biasGrads;
  final float[] input;
  final float[][] activations;
  final float[][] deltas;

  PortableMlpBuffers(int[] sizes, int batch) {
    this.sizes = sizes.clone();
    this.batch = batch;
    int layers = sizes.length - 1;
    weights = new float[layers][];
    weightsT = new float[layers][];
    biases = new float[layers][];
    weightGrads = new float[layers][];
    biasGrads = new float[layers][];
    activations = new float[layers][];
    deltas = new float[layers][];
    input = new float[batch * sizes[0]];
    for (int l = 0; l < layers; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      weights[l] = new float[in * out];
      weightsT[l] = l == 0 ? null : new float[in * out]; // layer 0 propagates no delta
      biases[l] = new float[out];
      weightGrads[l] = new float[in * out];
      biasGrads[l] = new float[out];
      activations[l] = new float[batch * out];
      deltas[l] = new float[batch * out];
    }
  }

  int layers() {
    return weights.length;
  }

  /** The input of layer {@code l}: the batch's features for the first layer. */
  float[] layerInput(int l) {
    return l == 0 ? input : activations[l - 1];
  }

  /** Refreshes {@code weightsT[l]} from {@code weights[l]} (exact: a copy). */
  void transposeWeights(int l) {
    int in = sizes[l];
    int out = sizes[l + 1];
    float[] w = weights[l];
    float[] t = weightsT[l];
    for (int i = 0; i < in; i++) {
      for (int j = 0; j < out; j++) {
        t[j * in + i] = w[i * out + j];
      }
    }
  }
}
