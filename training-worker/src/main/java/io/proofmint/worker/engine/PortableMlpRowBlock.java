package io.proofmint.worker.engine;

import io.proofmint.protocol.dataset.Examples;
import io.proofmint.worker.data.BatchAssembler;
import java.nio.FloatBuffer;

/**
 * One block of batch rows under the portable profile: gathers its examples, runs them forward
 * through every layer, computes softmax cross-entropy and propagates the deltas back to the first
 * layer. Every product is a {@link PortableGemm} chain per element (over the input features
 * forward, over the output features backward), so a row's values do not depend on the block it is
 * in; a block reads the shared weights and writes only its own rows.
 */
final class PortableMlpRowBlock {

  private final PortableMlpBuffers buffers;
  private final int firstRow;
  private final int rows;
  private final FloatBuffer inputRows;
  private final FloatBuffer logits;
  private final FloatBuffer outputDelta;
  private final int[] labels;
  private final double[] exps;

  PortableMlpRowBlock(PortableMlpBuffers buffers, int firstRow, int rows) {
    this.buffers = buffers;
    this.firstRow = firstRow;
    this.rows = rows;
    int[] sizes = buffers.sizes;
    int last = buffers.layers() - 1;
    this.inputRows = FloatBuffer.wrap(buffers.input, firstRow * sizes[0], rows * sizes[0]).slice();
    this.logits = FloatBuffer.wrap(buffers.activations[last]);
    this.outputDelta = FloatBuffer.wrap(buffers.deltas[last]);
    this.labels = new int[rows];
    this.exps = new double[sizes[last + 1]];
  }

  void run(Examples data, int[] indices, double[] rowLoss) {
    BatchAssembler.gather(data, indices, firstRow, firstRow + rows, inputRows, labels);
    forward();
    int last = buffers.layers() - 1;
    SoftmaxCrossEntropy.rows(
        logits,
        outputDelta,
        firstRow,
        rows,
        buffers.sizes[last + 1],
        buffers.batch,
        labels,
        exps,
        rowLoss);
    backward();
  }

  /** {@code z = chain(b_j; x_0 w_0j, ..., x_{in-1} w_{in-1,j})}; hidden layers then ReLU. */
  private void forward() {
    int[] sizes = buffers.sizes;
    int layers = buffers.layers();
    for (int l = 0; l < layers; l++) {
      int in = sizes[l];
      int out = sizes[l + 1];
      float[] z = buffers.activations[l];
      PortableGemm.multiply(
          false,
          rows,
          out,
          in,
          buffers.layerInput(l),
          firstRow * in,
          in,
          buffers.weights[l],
          0,
          out,
          buffers.biases[l],
          0,
          z,
          firstRow * out,
          out);
      if (l < layers - 1) {
        ElementWise.relu(z, firstRow * out, rows * out);
      }
    }
  }

  /**
   * {@code delta[l-1] = chain(+0; delta[l]_0 w_i0, ..., delta[l]_{out-1} w_{i,out-1})}, then {@code
   * * signum(activation)} (the ReLU derivative).
   */
  private void backward() {
    int[] sizes = buffers.sizes;
    for (int l = buffers.layers() - 1; l > 0; l--) {
      int in = sizes[l];
      int out = sizes[l + 1];
      float[] below = buffers.deltas[l - 1];
      PortableGemm.multiply(
          false,
          rows,
          in,
          out,
          buffers.deltas[l],
          firstRow * out,
          out,
          buffers.weightsT[l],
          0,
          in,
          null,
          0,
          below,
          firstRow * in,
          in);
      ElementWise.reluBackward(below, buffers.activations[l - 1], firstRow * in, rows * in);
    }
  }
}
