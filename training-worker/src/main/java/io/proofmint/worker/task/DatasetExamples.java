package io.proofmint.worker.task;

import io.proofmint.protocol.dataset.Dataset;
import io.proofmint.protocol.dataset.Examples;

/** A committed dataset loaded into the engine's in-memory form, examples in global index order. */
public final class DatasetExamples {

  private DatasetExamples() {}

  public static Examples of(Dataset dataset, int classCount) {
    long size = dataset.size();
    int features = dataset.featureCount();
    if (size * features > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "dataset of "
              + size
              + " examples x "
              + features
              + " features does not fit one in-memory array");
    }
    float[] x = new float[(int) (size * features)];
    int[] y = new int[(int) size];
    for (int i = 0; i < size; i++) {
      dataset.copyFeatures(i, x, i * features);
      y[i] = dataset.label(i);
    }
    return new Examples(features, classCount, x, y);
  }
}
