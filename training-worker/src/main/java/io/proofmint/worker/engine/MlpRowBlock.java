package io.proofmint.worker.engine;

import io.proofmint.protocol.dataset.Examples;
import io.proofmint.worker.data.BatchAssembler;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * One fixed block of batch rows: gathers its examples, runs them forward through every layer,
 * computes softmax cross-entropy and propagates the deltas back to the first layer. It reads the
 * shared weights and writes only its own rows, so blocks may run on any thread in any order without
 * changing a bit.
 */
final class MlpRowBlock {

  private final MlpBuffers buffers;
  private final int firstRow;
  private final int rows;
  private final FloatPointer input;
  private final FloatPointer[] activations;
  private final FloatPointer[] deltas;
  private final FloatBuffer inputRows;
  private final FloatBuffer[] biasValues;
  private final FloatBuffer[] activationValues;
  private final FloatBuffer[] deltaValues;
  private final int[] labels;
  private final double[] exps;
  private final float[] scratch;
  private final float[] scratchMask;

  MlpRowBlock(MlpBuffers buffers, int firstRow, int rows) {
    this.buffers = buffers;
    this.firstRow = firstRow;
    this.rows = rows;
    int[] sizes = buffers.sizes;
    int layers = buffers.layers();
    this.input = buffers.input.pointerAt((long) firstRow * sizes[0]);
    this.activations = new FloatPointer[layers];
    this.deltas = new FloatPointer[layers];
    // Each block gets its own buffer views: absolute get/put only, on the block's own rows.
    this.inputRows = buffers.input.buffer.slice(firstRow * sizes[0], rows * sizes[0]);
    this.biasValues = new FloatBuffer[layers];
    this.activationValues = new FloatBuffer[layers];
    this.deltaValues = new FloatBuffer[layers];
    for (int l = 0; l < layers; l++) {
      activations[l] = buffers.activations[l].pointerAt((long) firstRow * sizes[l + 1]);
      deltas[l] = buffers.deltas[l].pointerAt((long) firstRow * sizes[l + 1]);
      biasValues[l] = buffers.biases[l].buffer.duplicate();
      activationValues[l] = buffers.activations[l].buffer.duplicate();
      deltaValues[l] = buffers.deltas[l].buffer.duplicate();
    }
    this.labels = new int[rows];
    this.exps = new double[sizes[layers]];
    int widest = 0;
    for (int l = 1; l < sizes.length; l++) {
      widest = Math.max(widest, sizes[l]);
    }
    this.scratch = new float[rows * widest];
    this.scratchMask = new float[rows * widest];
  }

  void run(Examples data, int[] indices, double[] rowLoss) {
    BatchAssembler.gather(data, indices, firstRow, firstRow + rows, inputRows, labels);
    forward();
    softmaxCrossEntropy(rowLoss);
    backward();
  }

  private void forward() {
    int[] sizes = buffers.sizes;
    int layers = buffers.layers();
    for (int l = 0; l < layers; l++) {
      int width = sizes[l + 1];
      FloatBuffer out = activationValues[l];
      FloatBuffer bias = biasValues[l];
      int base = firstRow * width;
      for (int r = 0; r < rows; r++) {
        out.put(base + r * width, bias, 0, width);
      }
      FloatPointer in = l == 0 ? input : activations[l - 1];
      Blas.gemm(
          false,
          false,
          rows,
          width,
          sizes[l],
          in,
          sizes[l],
          buffers.weights[l].pointer,
          width,
          1f,
          activations[l],
          width);
      if (l < layers - 1) {
        relu(out, base, rows * width);
      }
    }
  }

  /** {@link ElementWise#relu} on a heap copy of {@code [from, from + count)}. */
  private void relu(FloatBuffer values, int from, int count) {
    float[] x = scratch;
    values.get(from, x, 0, count);
    ElementWise.relu(x, 0, count);
    values.put(from, x, 0, count);
  }

  /** See {@link SoftmaxCrossEntropy}. */
  private void softmaxCrossEntropy(double[] rowLoss) {
    int last = buffers.layers() - 1;
    SoftmaxCrossEntropy.rows(
        activationValues[last],
        deltaValues[last],
        firstRow,
        rows,
        buffers.sizes[last + 1],
        buffers.batch,
        labels,
        exps,
        rowLoss);
  }

  /** Deltas of every hidden layer: {@code delta[l-1] = (delta[l] W_l^T) * relu'(activation)}. */
  private void backward() {
    int[] sizes = buffers.sizes;
    for (int l = buffers.layers() - 1; l > 0; l--) {
      Blas.gemm(
          false,
          true,
          rows,
          sizes[l],
          sizes[l + 1],
          deltas[l],
          sizes[l + 1],
          buffers.weights[l].pointer,
          sizes[l + 1],
          0f,
          deltas[l - 1],
          sizes[l]);
      int base = firstRow * sizes[l];
      reluBackward(deltaValues[l - 1], activationValues[l - 1], base, rows * sizes[l]);
    }
  }

  /** {@link ElementWise#reluBackward} on heap copies of {@code [from, from + count)}. */
  private void reluBackward(FloatBuffer delta, FloatBuffer activation, int from, int count) {
    float[] d = scratch;
    float[] a = scratchMask;
    delta.get(from, d, 0, count);
    activation.get(from, a, 0, count);
    ElementWise.reluBackward(d, a, 0, count);
    delta.put(from, d, 0, count);
  }
}
