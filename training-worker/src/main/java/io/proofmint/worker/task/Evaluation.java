package io.proofmint.worker.task;

import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.worker.engine.MlpSpec;
import java.util.Arrays;

/** Classification accuracy of an MLP checkpoint on held-out examples. */
public final class Evaluation {

  private Evaluation() {}

  /** The fraction of {@code data} whose arg-max logit is the label. */
  public static double accuracy(MlpSpec spec, Checkpoint checkpoint, Examples data) {
    MlpForward model = new MlpForward(spec, checkpoint);
    int f = data.featureCount();
    if (f != model.inputCount()) {
      throw new IllegalArgumentException(
          "evaluation data has " + f + " features, the model takes " + model.inputCount());
    }
    int correct = 0;
    for (int i = 0; i < data.size(); i++) {
      float[] x = Arrays.copyOfRange(data.features(), i * f, (i + 1) * f);
      if (MlpForward.argMax(model.logits(x)) == data.labels()[i]) {
        correct++;
      }
    }
    return data.size() == 0 ? 0 : (double) correct / data.size();
  }
}
