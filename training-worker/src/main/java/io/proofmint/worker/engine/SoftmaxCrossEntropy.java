package io.proofmint.worker.engine;

import java.nio.FloatBuffer;

/**
 * Softmax cross-entropy of the output layer, the same in every profile: double precision, classes
 * in index order, {@link StrictMath#exp} and {@link StrictMath#log} (fdlibm, bit-identical on every
 * JVM). Per row {@code r} with logits {@code z}, label {@code y} and {@code m = max_j z_j} (float
 * {@code Math.max}, left to right): {@code e_j = exp((double) z_j - m)}, {@code s = e_0 + e_1 +
 * ...} left to right, loss {@code log(s) - ((double) z_y - m)}, delta {@code (float) ((p_j - [j ==
 * y]) / batch)} with {@code p_j = e_j / s}.
 */
final class SoftmaxCrossEntropy {

  private SoftmaxCrossEntropy() {}

  /**
   * Rows {@code [firstRow, firstRow + rows)} of {@code logits} (row stride {@code classes}): writes
   * each row's loss to {@code rowLoss[row]} and its delta to the same positions of {@code delta}.
   *
   * @param labels the block's labels, {@code labels[r]} for row {@code firstRow + r}
   * @param exps scratch of at least {@code classes} doubles
   */
  static void rows(
      FloatBuffer logits,
      FloatBuffer delta,
      int firstRow,
      int rows,
      int classes,
      int batch,
      int[] labels,
      double[] exps,
      double[] rowLoss) {
    for (int r = 0; r < rows; r++) {
      int base = (firstRow + r) * classes;
      float max = logits.get(base);
      for (int j = 1; j < classes; j++) {
        max = Math.max(max, logits.get(base + j));
      }
      double sum = 0;
      for (int j = 0; j < classes; j++) {
        exps[j] = StrictMath.exp((double) logits.get(base + j) - max);
        sum += exps[j];
      }
      int label = labels[r];
      rowLoss[firstRow + r] = StrictMath.log(sum) - ((double) logits.get(base + label) - max);
      for (int j = 0; j < classes; j++) {
        double p = exps[j] / sum;
        delta.put(base + j, (float) ((j == label ? p - 1.0 : p) / batch));
      }
    }
  }
}
