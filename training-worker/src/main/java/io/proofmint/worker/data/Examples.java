package io.proofmint.worker.data;

import java.util.Arrays;

/**
 * A labelled data set in memory: {@code size()} rows of {@code featureCount} float32 features
 * (row-major in {@code features}) and one class label in {@code [0, classCount)} per row.
 *
 * <p>The arrays are not copied (data sets are large); treat them as read-only once built.
 */
public record Examples(int featureCount, int classCount, float[] features, int[] labels) {

  public Examples {
    if (featureCount <= 0) {
      throw new IllegalArgumentException("featureCount must be positive, got " + featureCount);
    }
    if (classCount < 2) {
      throw new IllegalArgumentException("classCount must be at least 2, got " + classCount);
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

  public int size() {
    return labels.length;
  }

  /** The first {@code count} rows (a view sharing nothing: arrays are copied). */
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
  public boolean equals(Object o) {
    return o instanceof Examples other
        && featureCount == other.featureCount
        && classCount == other.classCount
        && Arrays.equals(features, other.features)
        && Arrays.equals(labels, other.labels);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * featureCount + classCount) + Arrays.hashCode(features))
        + Arrays.hashCode(labels);
  }

  @Override
  public String toString() {
    return "Examples[%d rows, %d features, %d classes]".formatted(size(), featureCount, classCount);
  }
}
