package io.proofmint.worker.engine;

import io.proofmint.protocol.dataset.Examples;
import io.proofmint.worker.data.SyntheticTask;
import io.proofmint.worker.random.SeededRandom;
import java.util.List;

/** Shared fixtures: small models, a profile of this process, batches and state comparison. */
final class Engines {

  /** 64 inputs, two hidden layers, 10 classes; batch 40 = row blocks 16 + 16 + 8 (a remainder). */
  static final MlpSpec SMALL = MlpSpec.of(40, AdamConfig.withLearningRate(1e-2f), 64, 48, 32, 10);

  static final Examples SMALL_DATA = SyntheticTask.gaussianClusters(11, 512, 64, 10);

  private Engines() {}

  /** This process's profile with row blocks of 16 and gradient tiles of 24 (remainders too). */
  static ReproducibilityProfile smallProfile() {
    return ReproducibilityProfile.of(RuntimeFacts.probe(), 16, 24);
  }

  static int[] batch(long seed, int step, int batchSize, int exampleCount) {
    SeededRandom random = SeededRandom.forStream(seed, step);
    int[] indices = new int[batchSize];
    for (int i = 0; i < batchSize; i++) {
      indices[i] = random.nextInt(exampleCount);
    }
    return indices;
  }

  /** Trains steps {@code [from, to)} with batches derived from {@code (dataSeed, step)}. */
  static float[] train(TrainingEngine engine, Examples data, long dataSeed, int from, int to) {
    float[] losses = new float[to - from];
    for (int s = from; s < to; s++) {
      int[] indices = batch(dataSeed, s, engine.spec().batchSize(), data.size());
      losses[s - from] = engine.step(data, indices);
    }
    return losses;
  }

  /** Index of the first tensor whose bits differ, or -1 if the states are bit-identical. */
  static int firstDifference(List<NamedTensor> a, List<NamedTensor> b) {
    if (a.size() != b.size()) {
      return Math.min(a.size(), b.size());
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).bitwiseEquals(b.get(i))) {
        return i;
      }
    }
    return -1;
  }
}
