package io.proofmint.protocol.dataset;

import java.util.Arrays;

/**
 * Labelled examples in memory: {@code size()} rows of {@code featureCount} float32 features
 * (row-major in {@code features}) and one int32 class label in {@code [0, classCount)} per row. One
 * type for a committed shard (section 8 of docs/protocol.md: a shard holds at least one example,
 * which {@link ShardCodec} checks), a whole data set loaded for training, and a batch.
 *
 * <p>The arrays are taken without copying (data sets are large) and must not be changed afterwards.
 * Equality compares the float bits, as shard hashes do.
 */
public record Examples(int featureCount, int classCount, float[] features, int[] labels) {

  public Examples {
    if (featureCount < 1 || classCount < 1) {
      throw new IllegalArgumentException(
          "examples: expected featureCount >= 1 and classCount >= 1, got %d and %d"
              .formatted(featureCount, classCount));
    }
    if ((long) labels.length * featureCount != features.length) {
      throw new IllegalArgumentException(
          "examples: %d labels x %d features needs %d floats, got %d"
              .formatted(
                  labels.length,
                  featureCount,
                  (long) labels.length * featureCount,
                  features.length));
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classCount) {
        throw new IllegalArgumentException(
            "examples: label of row %d must be in [0, %d), got %d"
                .formatted(i, classCount, labels[i]));
      }
    }
  }

  public static Examples of(int featureCount, int classCount, float[] features, int[] labels) {
    return new Examples(featureCount, classCount, features, labels);
  }

  /** The number of rows. */
  public int size() {
    return labels.length;
  }

  /** Copies the features of row {@code row} into {@code target} at {@code offset}. */
  public void copyFeatures(int row, float[] target, int offset) {
    System.arraycopy(features, row * featureCount, target, offset, featureCount);
  }

  public int label(int row) {
    return labels[row];
  }

  /** The first {@code count} rows, copied. */
  public Examples head(int count) {
    if (count < 0 || count > size()) {
      throw new IllegalArgumentException(
          "head: expected a count in [0, %d], got %d".formatted(size(), count));
    }
    return new Examples(
        featureCount,
        classCount,
        Arrays.copyOf(features, count * featureCount),
        Arrays.copyOf(labels, count));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Examples that
        && featureCount == that.featureCount
        && classCount == that.classCount
        && Arrays.equals(labels, that.labels)
        && rawEquals(features, that.features);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * featureCount + classCount) + Arrays.hashCode(labels)) + features.length;
  }

  @Override
  public String toString() {
    return "Examples[%d rows, %d features, %d classes]".formatted(size(), featureCount, classCount);
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
