package io.proofmint.cli.settlement;

import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.CheckpointFiles;
import io.proofmint.settlement.serve.Prediction;
import io.proofmint.settlement.serve.Predictor;
import io.proofmint.settlement.serve.PredictorLoader;
import io.proofmint.settlement.serve.PredictorSource;
import io.proofmint.worker.task.MlpForward;
import io.proofmint.worker.task.ModelDefinition;
import java.io.IOException;

/**
 * Serves a trained MLP: `proofmint serve MODEL --model-definition model.json --checkpoint FILE`.
 * The checkpoint must be one of this model's (its spec hash is checked).
 */
public final class MlpPredictorLoader implements PredictorLoader {

  @Override
  public String name() {
    return "mlp";
  }

  @Override
  public Predictor load(PredictorSource source) throws IOException {
    ModelDefinition definition =
        ModelDefinition.read(
            source
                .modelDefinition()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "serving an MLP checkpoint needs --model-definition FILE")));
    var checkpoint = CheckpointFiles.read(source.checkpoint());
    if (!checkpoint.specHash().equals(definition.specHash())) {
      throw new IOException(
          "checkpoint "
              + source.checkpoint()
              + " is of model spec "
              + checkpoint.specHash()
              + ", the definition says "
              + definition.specHash());
    }
    return predictor(definition, checkpoint);
  }

  /**
   * The MLP of {@code definition} with the weights of {@code checkpoint}, as {@code serve} answers
   * with it: the arg-max label and the softmax scores. The demo serves through this too.
   */
  public static Predictor predictor(ModelDefinition definition, Checkpoint checkpoint) {
    MlpForward model = new MlpForward(definition.spec(), checkpoint);
    return new Predictor() {
      @Override
      public Prediction predict(float[] features) {
        float[] logits = model.logits(features);
        return new Prediction(MlpForward.argMax(logits), MlpForward.softmax(logits));
      }

      @Override
      public boolean threadSafe() {
        return true;
      }
    };
  }
}
