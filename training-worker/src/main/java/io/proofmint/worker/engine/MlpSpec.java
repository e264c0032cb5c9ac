package io.proofmint.worker.engine;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A multilayer perceptron classifier: {@code layerSizes[0]} inputs, ReLU hidden layers, {@code
 * layerSizes[last]} classes, softmax cross-entropy averaged over the batch.
 */
public record MlpSpec(int[] layerSizes, int batchSize, AdamConfig adam) implements ModelSpec {

  public MlpSpec {
    layerSizes = layerSizes.clone();
    if (layerSizes.length < 2) {
      throw new IllegalArgumentException(
          "mlp: expected at least 2 layer sizes (inputs, classes), got "
              + Arrays.toString(layerSizes));
    }
    for (int size : layerSizes) {
      if (size <= 0) {
        throw new IllegalArgumentException(
            "mlp: layer sizes must be positive, got " + Arrays.toString(layerSizes));
      }
    }
    if (layerSizes[layerSizes.length - 1] < 2) {
      throw new IllegalArgumentException(
          "mlp: a classifier needs at least 2 classes, got " + Arrays.toString(layerSizes));
    }
    if (batchSize <= 0) {
      throw new IllegalArgumentException("mlp: batch size must be positive, got " + batchSize);
    }
  }

  public static MlpSpec of(int batchSize, AdamConfig adam, int... layerSizes) {
    return new MlpSpec(layerSizes, batchSize, adam);
  }

  @Override
  public int[] layerSizes() {
    return layerSizes.clone();
  }

  @Override
  public String architecture() {
    return "mlp";
  }

  public int inputCount() {
    return layerSizes[0];
  }

  public int classCount() {
    return layerSizes[layerSizes.length - 1];
  }

  /** Number of weight layers (one less than the number of layer sizes). */
  public int layerCount() {
    return layerSizes.length - 1;
  }

  /** Trainable parameters: weights and biases of every layer. */
  public long parameterCount() {
    long n = 0;
    for (int l = 0; l < layerCount(); l++) {
      n += (long) layerSizes[l] * layerSizes[l + 1] + layerSizes[l + 1];
    }
    return n;
  }

  /**
   * Floating-point operations of one training step counted from its matrix products: forward {@code
   * 2*b*in*out} per layer, backward {@code 2*b*in*out} for the weight gradient of every layer and
   * again for the input gradient of every layer but the first.
   */
  public long matmulFlopsPerStep() {
    long flops = 0;
    for (int l = 0; l < layerCount(); l++) {
      long product = 2L * batchSize * layerSizes[l] * layerSizes[l + 1];
      flops += l == 0 ? 2 * product : 3 * product;
    }
    return flops;
  }

  @Override
  public String canonical() {
    String layers =
        Arrays.stream(layerSizes).mapToObj(Integer::toString).collect(Collectors.joining(","));
    return "mlp(layers=%s,activation=relu,loss=softmax-xent-mean,batch=%d,%s)"
        .formatted(layers, batchSize, adam.canonical());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MlpSpec other
        && Arrays.equals(layerSizes, other.layerSizes)
        && batchSize == other.batchSize
        && adam.equals(other.adam);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(layerSizes) * 31 + batchSize * 17 + adam.hashCode();
  }

  @Override
  public String toString() {
    return canonical();
  }
}
