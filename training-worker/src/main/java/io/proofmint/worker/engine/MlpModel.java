package io.proofmint.worker.engine;

import io.proofmint.protocol.checkpoint.TensorSpec;
import io.proofmint.protocol.dataset.Examples;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The MLP of an {@link MlpSpec} under a fixed two-phase decomposition:
 *
 * <ol>
 *   <li>the batch is split into row blocks of {@code rowBlock} rows (the last takes the rest); each
 *       block runs forward, loss and the delta back-propagation on its rows ({@link MlpRowBlock});
 *   <li>each weight gradient {@code input^T delta} is computed over the whole batch, split into
 *       tiles of {@code gradientTile} gradient rows, plus one column-sum task per bias ({@link
 *       MlpGradientTask}).
 * </ol>
 *
 * Every floating-point sum is done inside one single-threaded BLAS call or one Java loop of fixed
 * order, so the worker thread count never changes a bit.
 *
 * <p>Parameters, in state order: {@code layer<l>.weight [in, out]} then {@code layer<l>.bias [out]}
 * for every layer {@code l}. Weights are stored {@code [in, out]} so that the forward pass is
 * {@code X W + b} without a transpose.
 */
final class MlpModel implements Model {

  private final MlpSpec spec;
  private final MlpBuffers buffers;
  private final MlpRowBlock[] blocks;
  private final MlpGradientTask[] gradientTasks;
  private final double[] rowLoss;
  private final List<TensorSpec> layout;

  MlpModel(MlpSpec spec, int rowBlock, int gradientTile) {
    if (rowBlock <= 0 || gradientTile <= 0) {
      throw new IllegalArgumentException(
          "row block and gradient tile must be positive, got %d and %d"
              .formatted(rowBlock, gradientTile));
    }
    this.spec = spec;
    int[] sizes = spec.layerSizes();
    int batch = spec.batchSize();
    this.buffers = new MlpBuffers(sizes, batch);
    this.layout = MlpInit.parameterLayout(sizes);
    List<MlpRowBlock> rowBlocks = new ArrayList<>();
    for (int first = 0; first < batch; first += rowBlock) {
      rowBlocks.add(new MlpRowBlock(buffers, first, Math.min(rowBlock, batch - first)));
    }
    this.blocks = rowBlocks.toArray(MlpRowBlock[]::new);
    List<MlpGradientTask> tasks = new ArrayList<>();
    for (int l = 0; l < spec.layerCount(); l++) {
      for (int first = 0; first < sizes[l]; first += gradientTile) {
        tasks.add(
            MlpGradientTask.weights(buffers, l, first, Math.min(gradientTile, sizes[l] - first)));
      }
    }
    for (int l = 0; l < spec.layerCount(); l++) {
      tasks.add(MlpGradientTask.bias(buffers, l));
    }
    this.gradientTasks = tasks.toArray(MlpGradientTask[]::new);
    this.rowLoss = new double[batch];
  }

  @Override
  public MlpSpec spec() {
    return spec;
  }

  @Override
  public List<TensorSpec> parameterLayout() {
    return layout;
  }

  /** See {@link MlpInit}. */
  @Override
  public void initialize(long seed) {
    int[] sizes = buffers.sizes;
    for (int l = 0; l < buffers.layers(); l++) {
      float[] values = new float[buffers.weights[l].size()];
      MlpInit.weights(seed, sizes, l, values);
      buffers.weights[l].copyFrom(values);
      buffers.biases[l].copyFrom(new float[sizes[l + 1]]);
    }
  }

  @Override
  public float forwardBackward(Examples data, int[] indices, WorkerPool workers) {
    MlpBatch.check(spec, data, indices);
    workers.forEach(blocks.length, b -> blocks[b].run(data, indices, rowLoss));
    workers.forEach(gradientTasks.length, t -> gradientTasks[t].run());
    return MlpBatch.meanLoss(rowLoss);
  }

  @Override
  public FloatBuffer parameter(int p) {
    DenseMatrix m = p % 2 == 0 ? buffers.weights[p / 2] : buffers.biases[p / 2];
    return m.buffer.duplicate();
  }

  @Override
  public FloatBuffer gradient(int p) {
    DenseMatrix m = p % 2 == 0 ? buffers.weightGrads[p / 2] : buffers.biasGrads[p / 2];
    return m.buffer.duplicate();
  }

  @Override
  public void close() {
    buffers.close();
  }
}
