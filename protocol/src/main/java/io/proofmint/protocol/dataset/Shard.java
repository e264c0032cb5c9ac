package io.proofmint.protocol.dataset;

/**
 * One shard of a dataset: {@code exampleCount} rows of {@code featureCount} float32 features
 * (row-major) and one int32 class label per row. Like {@code Tensor}, the arrays are taken without
 * copying and must not be changed afterwards.
 */
public record Shard(int featureCount, int classCount, float[] features, int[] labels) {

  public Shard {
    if (featureCount < 1 || classCount < 1) {
      throw new IllegalArgumentException(
          "shard: expected featureCount >= 1 and classCount >= 1, got %d and %d"
              .formatted(featureCount, classCount));
    }
    if (labels.length < 1) {
      throw new IllegalArgumentException("shard: expected at least 1 example, got 0");
    }
    if ((long) labels.length * featureCount != features.length) {
      throw new IllegalArgumentException(
          "shard: %d examples of %d features expect %d floats, got %d"
              .formatted(
                  labels.length,
                  featureCount,
                  (long) labels.length * featureCount,
                  features.length));
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classCount) {
        throw new IllegalArgumentException(
            "shard example %d: expected a label in [0, %d), got %d"
                .formatted(i, classCount, labels[i]));
      }
    }
  }

  public static Shard of(int featureCount, int classCount, float[] features, int[] labels) {
    return new Shard(featureCount, classCount, features, labels);
  }

  public int exampleCount() {
    return labels.length;
  }

  /** Copies the features of example {@code row} into {@code target} at {@code offset}. */
  public void copyFeatures(int row, float[] target, int offset) {
    System.arraycopy(features, row * featureCount, target, offset, featureCount);
  }

  public int label(int row) {
    return labels[row];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Shard that
        && featureCount == that.featureCount
        && classCount == that.classCount
        && java.util.Arrays.equals(labels, that.labels)
        && rawEquals(features, that.features);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(labels) + features.length;
  }

  @Override
  public String toString() {
    return "Shard[%d examples, %d features, %d classes]"
        .formatted(labels.length, featureCount, classCount);
  }

  private static boolean rawEquals(float[] a, float[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
        return false;
      }
    }
    return true;
  }
}
