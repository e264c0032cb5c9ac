package io.proofmint.worker.engine;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * One fixed piece of the weight and bias gradients, computed over the whole batch once every row
 * block is done: rows {@code [firstRow, firstRow + rows)} of layer {@code l}'s weight gradient
 * {@code G = input^T delta} as one single-threaded BLAS call, or (for a bias task) the column sums
 * of layer {@code l}'s deltas, rows added in batch order. Tasks write disjoint memory, and every
 * gradient element is a whole-batch sum computed inside exactly one task: nothing is reduced across
 * tasks, so the bits do not depend on which thread runs what.
 */
final class MlpGradientTask {

  private final MlpBuffers buffers;
  private final int layer;
  private final int firstRow;
  private final int rows;
  private final FloatPointer inputColumns;
  private final FloatPointer gradientRows;
  private final float[] sums;
  private final float[] row;
  private final FloatBuffer deltaValues;
  private final FloatBuffer biasGradient;

  private MlpGradientTask(MlpBuffers buffers, int layer, int firstRow, int rows) {
    this.buffers = buffers;
    this.layer = layer;
    this.firstRow = firstRow;
    this.rows = rows;
    int out = buffers.sizes[layer + 1];
    boolean bias = rows == 0;
    this.inputColumns = bias ? null : buffers.layerInput(layer).pointerAt(firstRow);
    this.gradientRows = bias ? null : buffers.weightGrads[layer].pointerAt((long) firstRow * out);
    this.sums = bias ? new float[out] : null;
    this.row = bias ? new float[out] : null;
    this.deltaValues = buffers.deltas[layer].buffer.duplicate();
    this.biasGradient = buffers.biasGrads[layer].buffer.duplicate();
  }

  static MlpGradientTask weights(MlpBuffers buffers, int layer, int firstRow, int rows) {
    if (rows <= 0) {
      throw new IllegalArgumentException("gradient tile needs rows, got " + rows);
    }
    return new MlpGradientTask(buffers, layer, firstRow, rows);
  }

  static MlpGradientTask bias(MlpBuffers buffers, int layer) {
    return new MlpGradientTask(buffers, layer, 0, 0);
  }

  void run() {
    if (rows == 0) {
      sumDeltaColumns();
      return;
    }
    int in = buffers.sizes[layer];
    int out = buffers.sizes[layer + 1];
    Blas.gemm(
        true,
        false,
        rows,
        out,
        buffers.batch,
        inputColumns,
        in,
        buffers.deltas[layer].pointer,
        out,
        0f,
        gradientRows,
        out);
  }

  private void sumDeltaColumns() {
    int width = sums.length;
    FloatBuffer delta = deltaValues;
    delta.get(0, sums, 0, width);
    for (int r = 1; r < buffers.batch; r++) {
      delta.get(r * width, row, 0, width);
      for (int j = 0; j < width; j++) {
        sums[j] += row[j];
      }
    }
    biasGradient.put(0, sums, 0, width);
  }
}
