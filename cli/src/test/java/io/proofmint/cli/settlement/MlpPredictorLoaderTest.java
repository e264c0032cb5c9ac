package io.proofmint.cli.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.checkpoint.CheckpointFiles;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.settlement.serve.Prediction;
import io.proofmint.settlement.serve.Predictor;
import io.proofmint.settlement.serve.PredictorLoader;
import io.proofmint.settlement.serve.PredictorSource;
import io.proofmint.worker.engine.AdamConfig;
import io.proofmint.worker.engine.MlpSpec;
import io.proofmint.worker.engine.ReproducibilityProfile;
import io.proofmint.worker.engine.RuntimeFacts;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.engine.VerificationMode;
import io.proofmint.worker.engine.WorkerPool;
import io.proofmint.worker.task.ModelDefinition;
import io.proofmint.worker.task.StateCheckpoints;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlpPredictorLoaderTest {

  @TempDir Path dir;

  private ModelDefinition model(long seed) {
    return new ModelDefinition(
        "serve-test",
        MlpSpec.of(8, AdamConfig.defaults(), 6, 5, 3),
        ReproducibilityProfile.of(RuntimeFacts.probe()),
        VerificationMode.EXACT,
        seed,
        Keccak.hashUtf8("data"));
  }

  private Path checkpointOf(ModelDefinition model) throws IOException {
    try (WorkerPool one = WorkerPool.singleThreaded();
        TrainingEngine engine = TrainingEngine.open(model.spec(), model.profile(), one)) {
      Path file = dir.resolve("c-" + model.initSeed() + ".ckpt");
      CheckpointFiles.write(
          file, StateCheckpoints.initial(engine, model), CheckpointHasher.sequential());
      return file;
    }
  }

  @Test
  void discoveredThroughTheServiceLoader_andServesTheCheckpointsPrediction() throws Exception {
    ModelDefinition model = model(1);
    model.write(dir.resolve("model.json"));
    PredictorLoader loader = PredictorLoader.discover().orElseThrow();
    assertThat(loader.name()).isEqualTo("mlp");

    Predictor predictor =
        loader.load(
            new PredictorSource(
                "0xabc", checkpointOf(model), Optional.of(dir.resolve("model.json"))));
    Prediction p = predictor.predict(new float[] {1, 0, 2, 0, 1, 3});

    assertThat(p.scores()).hasSize(3);
    float sum = p.scores()[0] + p.scores()[1] + p.scores()[2];
    assertThat(sum).isBetween(0.999f, 1.001f);
    assertThat(p.scores()[p.label()])
        .isGreaterThanOrEqualTo(Math.max(p.scores()[0], Math.max(p.scores()[1], p.scores()[2])));
    assertThatThrownBy(() -> predictor.predict(new float[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected 6 features, got 2");
  }

  @Test
  void refusesACheckpointOfAnotherModel() throws Exception {
    model(1).write(dir.resolve("model.json"));
    Path other = checkpointOf(model(2));
    assertThatThrownBy(
            () ->
                new MlpPredictorLoader()
                    .load(
                        new PredictorSource(
                            "0xabc", other, Optional.of(dir.resolve("model.json")))))
        .hasMessageContaining("is of model spec");
  }
}
