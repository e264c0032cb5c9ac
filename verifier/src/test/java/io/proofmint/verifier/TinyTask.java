package io.proofmint.verifier;

import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.verifier.adversary.Cheat;
import io.proofmint.verifier.adversary.CheatingTrainer;
import io.proofmint.worker.data.SyntheticTask;
import io.proofmint.worker.engine.AdamConfig;
import io.proofmint.worker.engine.MlpSpec;
import io.proofmint.worker.engine.ReproducibilityProfile;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.engine.VerificationMode;
import io.proofmint.worker.engine.WorkerPool;
import io.proofmint.worker.task.ModelDefinition;
import io.proofmint.worker.task.StateCheckpoints;
import io.proofmint.worker.task.StepListener;
import io.proofmint.worker.task.TrainingJob;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;

/** The tiny task the verifier's unit tests train and replay: MLP 32-24-4, batch 20, k = 10. */
public final class TinyTask {

  public static final Examples DATA = SyntheticTask.gaussianClusters(5, 400, 32, 4);
  public static final CheckpointHasher HASHER = CheckpointHasher.sequential();
  public static final int K = 10;
  public static final TaskBinding BINDING =
      TaskBinding.of(
          31337,
          Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
          BigInteger.valueOf(3),
          Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"));

  private TinyTask() {}

  /** The test model under the portable profile (the default for new models). */
  public static ModelDefinition model(VerificationMode mode) {
    return model(mode, ReproducibilityProfile.portable());
  }

  public static ModelDefinition model(VerificationMode mode, ReproducibilityProfile profile) {
    return new ModelDefinition(
        "verifier-test",
        MlpSpec.of(20, AdamConfig.withLearningRate(1e-2f), 32, 24, 4),
        profile,
        mode,
        7,
        Keccak.hashUtf8("verifier test dataset"));
  }

  public static final ModelDefinition EXACT = model(VerificationMode.EXACT);

  /** Trains {@code steps} honestly into {@code dir} under {@code binding}. */
  public static TrainingJob.Result honest(
      ModelDefinition model, WorkerPool workers, TaskBinding binding, long steps, Path dir)
      throws IOException {
    try (TrainingEngine engine = TrainingEngine.open(model.spec(), model.profile(), workers)) {
      Checkpoint parent = StateCheckpoints.initial(engine, model);
      return new TrainingJob(model, DATA, HASHER)
          .run(engine, binding, parent, steps, K, dir, StepListener.NONE);
    }
  }

  /** Writes a cheating bundle of {@code steps} into {@code dir}. */
  public static TrainingJob.Result cheat(
      ModelDefinition model, WorkerPool workers, long steps, Path dir, Cheat cheat)
      throws IOException {
    try (TrainingEngine engine = TrainingEngine.open(model.spec(), model.profile(), workers)) {
      Checkpoint parent = StateCheckpoints.initial(engine, model);
      return new CheatingTrainer(model, DATA, HASHER)
          .run(engine, BINDING, parent, steps, K, dir, cheat);
    }
  }
}
