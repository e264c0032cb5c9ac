package io.proofmint.worker.engine;

import io.proofmint.protocol.checkpoint.TensorSpec;
import io.proofmint.protocol.dataset.Examples;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The MLP of an {@link MlpSpec} under the {@link PortableProfile}: the same two-phase decomposition
 * as {@link MlpModel} (row blocks, then whole-batch gradient tiles), but every product is a {@link
 * PortableGemm} fma chain per output element on heap arrays, with no BLAS. Since each element's
 * chain runs over the same indices in the same order whatever block or tile holds it, the row block
 * and gradient tile sizes change speed only, never a bit: they are not in the profile.
 *
 * <p>Parameters, in state order: {@code layer<l>.weight [in, out]} then {@code layer<l>.bias [out]}
 * for every layer {@code l}, as in {@link MlpModel}; {@link MlpInit} sets both models alike.
 */
final class PortableMlpModel implements Model {

  /** Rows per forward/backward block: a multiple of every kernel's register block. */
  static final int DEFAULT_ROW_BLOCK = 32;

  /** Gradient rows per weight-gradient task. */
  static final int DEFAULT_GRADIENT_TILE = 64;

  private final MlpSpec spec;
  private final PortableMlpBuffers buffers;
  private final PortableMlpRowBlock[] blocks;
  private final PortableMlpGradientTask[] gradientTasks;
  private final double[] rowLoss;
  private final List<TensorSpec> layout;

  PortableMlpModel(MlpSpec spec) {
    this(spec, DEFAULT_ROW_BLOCK, DEFAULT_GRADIENT_TILE);
  }

  PortableMlpModel(MlpSpec spec, int rowBlock, int gradientTile) {
    if (rowBlock <= 0 || gradientTile <= 0) {
      throw new IllegalArgumentException(
          "row block and gradient tile must be positive, got %d and %d"
              .formatted(rowBlock, gradientTile));
    }
    this.spec = spec;
    int[] sizes = spec.layerSizes();
    int batch = spec.batchSize();
    this.buffers = new PortableMlpBuffers(sizes, batch);
    this.layout = MlpInit.parameterLayout(sizes);
    List<PortableMlpRowBlock> rowBlocks = new ArrayList<>();
    for (int first = 0; first < batch; first += rowBlock) {
      rowBlocks.add(new PortableMlpRowBlock(buffers, first, Math.min(rowBlock, batch - first)));
    }
    this.blocks = rowBlocks.toArray(PortableMlpRowBlock[]::new);
    List<PortableMlpGradientTask> tasks = new ArrayList<>();
    for (int l = 0; l < spec.layerCount(); l++) {
      for (int first = 0; first < sizes[l]; first += gradientTile) {
        tasks.add(
            PortableMlpGradientTask.weights(
                buffers, l, first, Math.min(gradientTile, sizes[l] - first)));
      }
    }
    for (int l = 0; l < spec.layerCount(); l++) {
      tasks.add(PortableMlpGradientTask.bias(buffers, l));
    }
    this.gradientTasks = tasks.toArray(PortableMlpGradientTask[]::new);
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

  @Override
  public void initialize(long seed) {
    for (int l = 0; l < buffers.layers(); l++) {
      MlpInit.weights(seed, buffers.sizes, l, buffers.weights[l]);
      Arrays.fill(buffers.biases[l], 0f);
    }
  }

  @Override
  public float forwardBackward(Examples data, int[] indices, WorkerPool workers) {
    MlpBatch.check(spec, data, indices);
    workers.forEach(buffers.layers() - 1, l -> buffers.transposeWeights(l + 1));
    workers.forEach(blocks.length, b -> blocks[b].run(data, indices, rowLoss));
    workers.forEach(gradientTasks.length, t -> gradientTasks[t].run());
    return MlpBatch.meanLoss(rowLoss);
  }

  @Override
  public FloatBuffer parameter(int p) {
    return FloatBuffer.wrap(p % 2 == 0 ? buffers.weights[p / 2] : buffers.biases[p / 2]);
  }

  @Override
  public FloatBuffer gradient(int p) {
    return FloatBuffer.wrap(p % 2 == 0 ? buffers.weightGrads[p / 2] : buffers.biasGrads[p / 2]);
  }

  @Override
  public void close() {
    // heap arrays: nothing to free
  }
}
