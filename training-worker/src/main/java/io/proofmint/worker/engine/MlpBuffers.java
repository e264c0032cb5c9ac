package io.proofmint.worker.engine;

/**
 * Every off-heap buffer of an MLP, allocated once: parameters and their gradients, and the
 * full-batch input, activations and deltas. Row blocks and gradient tiles work on parts of these.
 *
 * <p>Layer {@code l} maps {@code sizes[l]} to {@code sizes[l+1]} features; {@code activations[l]}
 * and {@code deltas[l]} are its {@code batch x sizes[l+1]} output (after ReLU for hidden layers,
 * logits for the last) and the loss gradient with respect to its pre-activation.
 */
final class MlpBuffers implements AutoCloseable {

  final int[] sizes;
  final int batch;
  final DenseMatrix[] weights;
  final DenseMatrix[] biases;
  final DenseMatrix[] weightGrads;
  final DenseMatrix[] biasGrads;
  final DenseMatrix input;
  final DenseMatrix[] activations;
  final DenseMatrix[] deltas;

  MlpBuffers(int[] sizes, int batch) {
    this.sizes = sizes.clone();
    this.batch = batch;
    int layers = sizes.length - 1;
    weights = new DenseMatrix[layers];
    biases = new DenseMatrix[layers];
    weightGrads = new DenseMatrix[layers];
    biasGrads = new DenseMatrix[layers];
    activations = new DenseMatrix[layers];
    deltas = new DenseMatrix[layers];
    input = new DenseMatrix(batch, sizes[0]);
    for (int l = 0; l < layers; l++) {
      weights[l] = new DenseMatrix(sizes[l], sizes[l + 1]);
      biases[l] = new DenseMatrix(1, sizes[l + 1]);
      weightGrads[l] = new DenseMatrix(sizes[l], sizes[l + 1]);
      biasGrads[l] = new DenseMatrix(1, sizes[l + 1]);
      activations[l] = new DenseMatrix(batch, sizes[l + 1]);
      deltas[l] = new DenseMatrix(batch, sizes[l + 1]);
    }
  }

  int layers() {
    return weights.length;
  }

  /** The input of layer {@code l}: the batch's features for the first layer. */
  DenseMatrix layerInput(int l) {
    return l == 0 ? input : activations[l - 1];
  }

  @Override
  public void close() {
    input.close();
    for (int l = 0; l < layers(); l++) {
      weights[l].close();
      biases[l].close();
      weightGrads[l].close();
      biasGrads[l].close();
      activations[l].close();
      deltas[l].close();
    }
  }
}
