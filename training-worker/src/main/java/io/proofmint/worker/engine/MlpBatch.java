package io.proofmint.worker.engine;

import io.proofmint.protocol.dataset.Examples;

/** What every MLP step checks of its batch, and how it reduces the per-row losses. */
final class MlpBatch {

  private MlpBatch() {}

  static void check(MlpSpec spec, Examples data, int[] indices) {
    if (indices.length != spec.batchSize()) {
      throw new IllegalArgumentException(
          "mlp step: expected a batch of %d indices, got %d"
              .formatted(spec.batchSize(), indices.length));
    }
    if (data.featureCount() != spec.inputCount() || data.classCount() != spec.classCount()) {
      throw new IllegalArgumentException(
          "mlp step: model takes %d features and %d classes, data has %d and %d"
              .formatted(
                  spec.inputCount(), spec.classCount(), data.featureCount(), data.classCount()));
    }
  }

  /** The batch's mean loss: a double sum of the rows' losses in batch order, over the batch. */
  static float meanLoss(double[] rowLoss) {
    double sum = 0;
    for (double loss : rowLoss) {
      sum += loss;
    }
    return (float) (sum / rowLoss.length);
  }
}
