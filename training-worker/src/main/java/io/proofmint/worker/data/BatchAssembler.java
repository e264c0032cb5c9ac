package io.proofmint.worker.data;

import io.proofmint.protocol.dataset.Examples;
import java.nio.FloatBuffer;

/**
 * Copies the rows a batch names into preallocated buffers: no allocation per step, and the row
 * order of the batch is the order of {@code indices}.
 */
public final class BatchAssembler {

  private BatchAssembler() {}

  /**
   * Copies rows {@code indices[from..to)} of {@code examples} to {@code features} (row-major, from
   * position 0) and their labels to {@code labels[0..to-from)}.
   */
  public static void gather(
      Examples examples, int[] indices, int from, int to, FloatBuffer features, int[] labels) {
    int width = examples.featureCount();
    if (from < 0 || to > indices.length || from > to) {
      throw new IndexOutOfBoundsException(
          "batch slice [%d, %d) of %d indices".formatted(from, to, indices.length));
    }
    if (features.capacity() < (to - from) * width || labels.length < to - from) {
      throw new IllegalArgumentException(
          "batch buffers hold %d rows of %d features, need %d"
              .formatted(Math.min(features.capacity() / width, labels.length), width, to - from));
    }
    float[] source = examples.features();
    int[] sourceLabels = examples.labels();
    for (int i = from; i < to; i++) {
      int row = indices[i];
      if (row < 0 || row >= sourceLabels.length) {
        throw new IndexOutOfBoundsException(
            "batch position %d: example index %d outside [0, %d)"
                .formatted(i, row, sourceLabels.length));
      }
      features.put((i - from) * width, source, row * width, width);
      labels[i - from] = sourceLabels[row];
    }
  }

  /** Heap variant of {@link #gather(Examples, int[], int, int, FloatBuffer, int[])}. */
  public static void gather(
      Examples examples, int[] indices, int from, int to, float[] features, int[] labels) {
    gather(examples, indices, from, to, FloatBuffer.wrap(features), labels);
  }
}
