package io.proofmint.worker.data;

import io.proofmint.protocol.dataset.Examples;
import io.proofmint.worker.random.SeededRandom;

/**
 * A seeded, learnable classification task made on the spot (nothing downloaded): Gaussian class
 * clusters. Class {@code c} has a mean vector drawn once from {@code N(0, separation^2 /
 * featureCount)} per feature; an example of class {@code c} is its mean plus {@code N(0, noise^2)}
 * per feature, with {@code c} uniform over the classes. The same arguments give the same bits on
 * every machine.
 */
public final class SyntheticTask {

  /** Distance scale between class means relative to the noise: learnable, not trivially so. */
  public static final float DEFAULT_SEPARATION = 3f;

  public static final float DEFAULT_NOISE = 1f;

  private SyntheticTask() {}

  public static Examples gaussianClusters(long seed, int count, int featureCount, int classCount) {
    return gaussianClusters(
        seed, count, featureCount, classCount, DEFAULT_SEPARATION, DEFAULT_NOISE);
  }

  public static Examples gaussianClusters(
      long seed, int count, int featureCount, int classCount, float separation, float noise) {
    if (count <= 0 || featureCount <= 0 || classCount < 2) {
      throw new IllegalArgumentException(
          "synthetic task: expected count > 0, features > 0, classes >= 2, got %d, %d, %d"
              .formatted(count, featureCount, classCount));
    }
    SeededRandom meansRandom = SeededRandom.forStream(seed, 0);
    double meanStd = separation / Math.sqrt(featureCount);
    float[][] means = new float[classCount][featureCount];
    for (float[] mean : means) {
      for (int f = 0; f < featureCount; f++) {
        mean[f] = (float) (meansRandom.nextGaussian() * meanStd);
      }
    }
    SeededRandom random = SeededRandom.forStream(seed, 1);
    float[] features = new float[Math.multiplyExact(count, featureCount)];
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      int label = random.nextInt(classCount);
      labels[i] = label;
      for (int f = 0; f < featureCount; f++) {
        features[i * featureCount + f] = (float) (means[label][f] + random.nextGaussian() * noise);
      }
    }
    return new Examples(featureCount, classCount, features, labels);
  }
}
