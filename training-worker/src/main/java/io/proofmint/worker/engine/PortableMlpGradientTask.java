package io.proofmint.worker.engine;

/**
 * One piece of the weight and bias gradients under the portable profile, computed over the whole
 * batch once every row block is done: gradient rows {@code [firstRow, firstRow + rows)} of layer
 * {@code l}, {@code G[i][j] = chain(+0; x_0i d_0j, x_1i d_1j, ..., x_{b-1,i} d_{b-1,j})} over the
 * batch rows in order ({@link PortableGemm} with {@code A} transposed), or (for a bias task) the
 * column sums of layer {@code l}'s deltas: row 0's value, then rows {@code 1..b-1} added in order
 * (float additions, no fma). Every gradient element is computed inside exactly one task.
 */
final class PortableMlpGradientTask {

  private final PortableMlpBuffers buffers;
  private final int layer;
  private final int firstRow;
  private final int rows;

  private PortableMlpGradientTask(PortableMlpBuffers buffers, int layer, int firstRow, int rows) {
    this.buffers = buffers;
    this.layer = layer;
    this.firstRow = firstRow;
    this.rows = rows;
  }

  static PortableMlpGradientTask weights(
      PortableMlpBuffers buffers, int layer, int firstRow, int rows) {
    if (rows <= 0) {
      throw new IllegalArgumentException("gradient tile needs rows, got " + rows);
    }
    return new PortableMlpGradientTask(buffers, layer, firstRow, rows);
  }

  static PortableMlpGradientTask bias(PortableMlpBuffers buffers, int layer) {
    return new PortableMlpGradientTask(buffers, layer, 0, 0);
  }

  void run() {
    int in = buffers.sizes[layer];
    int out = buffers.sizes[layer + 1];
    if (rows == 0) {
      sumDeltaColumns(out);
      return;
    }
    PortableGemm.multiply(
        true,
        rows,
        out,
        buffers.batch,
        buffers.layerInput(layer),
        firstRow,
        in,
        buffers.deltas[layer],
        0,
        out,
        null,
        0,
        buffers.weightGrads[layer],
        firstRow * out,
        out);
  }

  private void sumDeltaColumns(int width) {
    float[] delta = buffers.deltas[layer];
    float[] sums = buffers.biasGrads[layer];
    System.arraycopy(delta, 0, sums, 0, width);
    for (int r = 1; r < buffers.batch; r++) {
      int row = r * width;
      for (int j = 0; j < width; j++) {
        sums[j] += delta[row + j];
      }
    }
  }
}
