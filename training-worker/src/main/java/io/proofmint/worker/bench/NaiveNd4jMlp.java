package io.proofmint.worker.bench;

import io.proofmint.protocol.dataset.Examples;
import io.proofmint.worker.data.BatchAssembler;
import io.proofmint.worker.engine.AdamConfig;
import io.proofmint.worker.engine.MlpSpec;
import io.proofmint.worker.random.SeededRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The baseline the engine is measured against: the same MLP and Adam step written the obvious way
 * with ND4J array operations (fresh arrays per op, materialized transposes, ND4J reductions). Not
 * deterministic across thread counts and not used for training.
 */
final class NaiveNd4jMlp {

  private final MlpSpec spec;
  private final INDArray[] weights;
  private final INDArray[] biases;
  private final INDArray[][] m;
  private final INDArray[][] v;
  private final float[] batchFeatures;
  private final int[] batchLabels;
  private long step;

  NaiveNd4jMlp(MlpSpec spec, long seed) {
    this.spec = spec;
    int[] sizes = spec.layerSizes();
    int layers = spec.layerCount();
    weights = new INDArray[layers];
    biases = new INDArray[layers];
    m = new INDArray[layers][2];
    v = new INDArray[layers][2];
    for (int l = 0; l < layers; l++) {
      SeededRandom random = SeededRandom.forStream(seed, l);
      float[] w = new float[sizes[l] * sizes[l + 1]];
      double std = Math.sqrt((l < layers - 1 ? 2.0 : 1.0) / sizes[l]);
      for (int i = 0; i < w.length; i++) {
        w[i] = (float) (random.nextGaussian() * std);
      }
      weights[l] = Nd4j.create(w, new long[] {sizes[l], sizes[l + 1]}, 'c');
      biases[l] = Nd4j.zeros(DataType.FLOAT, 1, sizes[l + 1]);
      m[l][0] = weights[l].like();
      v[l][0] = weights[l].like();
      m[l][1] = biases[l].like();
      v[l][1] = biases[l].like();
    }
    batchFeatures = new float[spec.batchSize() * spec.inputCount()];
    batchLabels = new int[spec.batchSize()];
  }

  float step(Examples data, int[] indices) {
    int batch = spec.batchSize();
    int layers = spec.layerCount();
    BatchAssembler.gather(data, indices, 0, batch, batchFeatures, batchLabels);
    INDArray[] activations = new INDArray[layers + 1];
    activations[0] = Nd4j.create(batchFeatures, new long[] {batch, spec.inputCount()}, 'c');
    for (int l = 0; l < layers; l++) {
      INDArray z = activations[l].mmul(weights[l]).addiRowVector(biases[l]);
      activations[l + 1] = l < layers - 1 ? Transforms.relu(z, true) : z;
    }
    INDArray probabilities = Nd4j.exec(new SoftMax(activations[layers]))[0];
    INDArray oneHot = Nd4j.zeros(DataType.FLOAT, batch, spec.classCount());
    for (int i = 0; i < batch; i++) {
      oneHot.putScalar(i, batchLabels[i], 1f);
    }
    float loss = -Transforms.log(probabilities, true).muli(oneHot).sumNumber().floatValue() / batch;
    INDArray delta = probabilities.sub(oneHot).divi(batch);
    step++;
    AdamConfig adam = spec.adam();
    double c1 = 1 - Math.pow(adam.beta1(), step);
    double c2 = 1 - Math.pow(adam.beta2(), step);
    for (int l = layers - 1; l >= 0; l--) {
      INDArray weightGrad = activations[l].transpose().mmul(delta);
      INDArray biasGrad = delta.sum(true, 0);
      if (l > 0) {
        INDArray mask = activations[l].gt(0).castTo(DataType.FLOAT);
        delta = delta.mmul(weights[l].transpose()).muli(mask);
      }
      update(weights[l], weightGrad, m[l][0], v[l][0], adam, c1, c2);
      update(biases[l], biasGrad, m[l][1], v[l][1], adam, c1, c2);
    }
    return loss;
  }

  private static void update(
      INDArray p, INDArray g, INDArray m, INDArray v, AdamConfig adam, double c1, double c2) {
    m.muli(adam.beta1()).addi(g.mul(1 - adam.beta1()));
    v.muli(adam.beta2()).addi(g.mul(g).muli(1 - adam.beta2()));
    INDArray denominator = Transforms.sqrt(v.div(c2), false).addi(adam.epsilon());
    p.subi(m.div(c1).divi(denominator).muli(adam.learningRate()));
  }
}
