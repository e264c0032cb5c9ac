package io.proofmint.cli.demo;

import io.proofmint.cli.ProgressLine;
import io.proofmint.cli.flow.TaskFlow;
import io.proofmint.cli.owner.ModelRegistration;
import io.proofmint.cli.owner.TaskCreation;
import io.proofmint.cli.owner.TokenTerms;
import io.proofmint.cli.owner.VerificationRules;
import io.proofmint.protocol.artifacts.BundlePublisher;
import io.proofmint.protocol.artifacts.LocalArtifactStore;
import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.dataset.Dataset;
import io.proofmint.protocol.dataset.DatasetCommitment;
import io.proofmint.protocol.dataset.DatasetWriter;
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.worker.data.SyntheticTask;
import io.proofmint.worker.engine.PortableProfile;
import io.proofmint.worker.engine.ReproducibilityProfile;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.engine.VerificationMode;
import io.proofmint.worker.engine.WorkerPool;
import io.proofmint.worker.role.KnownCheckpoints;
import io.proofmint.worker.role.TrainerRole;
import io.proofmint.worker.task.DatasetExamples;
import io.proofmint.worker.task.Evaluation;
import io.proofmint.worker.task.ModelDefinition;
import io.proofmint.worker.task.StateCheckpoints;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.web3j.crypto.Credentials;

/**
 * The demo's training stage: commit a synthetic dataset, register a model and a task on-chain,
 * train the task for real with the ND4J engine, publish the proof bundle and commit its root.
 */
final class TrainingStage {

  /** What the stage did, for the console and the summary. */
  record Result(
      String datasetRoot,
      String specHash,
      String profile,
      BigInteger modelId,
      String modelToken,
      BigInteger taskId,
      long steps,
      int segmentLength,
      String root,
      String finalCheckpoint,
      String locator,
      String bundleDir,
      String lossCurvePng,
      float firstLoss,
      float lastLoss,
      double heldOutAccuracy,
      double trainSeconds) {}

  private final TaskFlow flow;
  private final Path dir;
  private final PrintWriter out;
  private final CheckpointHasher hasher = CheckpointHasher.sequential();
  private ModelDefinition model;
  private Examples train;
  private Examples heldOut;

  /** The held-out examples (after {@link #run}). */
  Examples heldOutData() {
    return heldOut;
  }

  /** The model the stage registered (after {@link #run}). */
  ModelDefinition model() {
    return model;
  }

  /** The committed training examples (after {@link #run}). */
  Examples trainingData() {
    return train;
  }

  TrainingStage(TaskFlow flow, Path dir, PrintWriter out) {
    this.flow = flow;
    this.dir = dir;
    this.out = out;
  }

  Result run(Credentials owner, Credentials trainer, LocalArtifactStore store, URI artifactsUri)
      throws Exception {
    Examples all =
        SyntheticTask.gaussianClusters(
            DemoSetup.DATA_SEED,
            DemoSetup.TRAIN_EXAMPLES + DemoSetup.HELD_OUT_EXAMPLES,
            DemoSetup.FEATURES,
            DemoSetup.CLASSES);
    int f = DemoSetup.FEATURES;
    Path datasetDir = dir.resolve("dataset");
    DatasetCommitment dataset =
        DatasetWriter.write(
            datasetDir,
            f,
            DemoSetup.CLASSES,
            Arrays.copyOf(all.features(), DemoSetup.TRAIN_EXAMPLES * f),
            Arrays.copyOf(all.labels(), DemoSetup.TRAIN_EXAMPLES),
            DemoSetup.SHARD_SIZE);
    // Train on the dataset as read back from its committed shards, hash-checked.
    train =
        DatasetExamples.of(
            Dataset.load(datasetDir.resolve(DatasetWriter.MANIFEST)), DemoSetup.CLASSES);
    heldOut =
        new Examples(
            f,
            DemoSetup.CLASSES,
            Arrays.copyOfRange(all.features(), DemoSetup.TRAIN_EXAMPLES * f, all.features().length),
            Arrays.copyOfRange(all.labels(), DemoSetup.TRAIN_EXAMPLES, all.labels().length));
    out.printf(
        "      dataset: %,d synthetic examples (%d features, %d classes) in %d shards, root %s%n",
        train.size(), f, DemoSetup.CLASSES, dataset.shards().size(), dataset.root());

    model =
        new ModelDefinition(
            "demo-mlp",
            DemoSetup.SPEC,
            // The portable profile: a verifier on any CPU replays the demo's model bit for bit.
            ReproducibilityProfile.defaultForNewModels(),
            VerificationMode.EXACT,
            DemoSetup.INIT_SEED,
            dataset.root());
    model.write(dir.resolve("model.json"));

    try (WorkerPool workers = WorkerPool.create(Runtime.getRuntime().availableProcessors());
        TrainingEngine engine = TrainingEngine.open(model.spec(), model.profile(), workers)) {
      // The same path as `proofmint model register` and `proofmint task create`.
      ModelRegistration.requireDataset(model, dataset.root(), datasetDir);
      Hash32 head = ModelRegistration.initialHead(engine, model, hasher);
      ModelRegistration.Registered registered =
          new ModelRegistration(flow.suite().as(owner))
              .register(
                  new ModelRegistration.Request(
                      model,
                      head,
                      rules(),
                      new TokenTerms("Proofmint Demo MLP", "PDEMO", DemoSetup.INITIAL_SUPPLY)),
                  false);
      TaskCreation.Created task =
          new TaskCreation(flow.suite().as(owner)).create(demoTask(registered.modelId()));
      out.printf(
          "      model %s '%s' registered by %s: spec %s, token %s%n",
          registered.modelId(),
          model.name(),
          owner.getAddress(),
          model.specHash(),
          registered.token());
      out.printf(
          "      profile %s%s%n",
          model.profile().canonical(),
          model.profile() instanceof PortableProfile
              ? ": the same bits on any CPU (this machine's kernel: "
                  + PortableProfile.kernelInUse()
                  + ")"
              : "");
      out.printf(
          "      task %s: %d steps from head %s, reward %s PDEMO%n",
          task.taskId(), DemoSetup.STEPS, head, DemoSetup.REWARD.divide(DemoSetup.E18));

      flow.fundStake(trainer, DemoSetup.TRAINER_STAKE_FUNDS);
      TrainerRole role =
          new TrainerRole(
              flow.suite().as(trainer),
              model,
              train,
              engine,
              new KnownCheckpoints(model, engine, store, hasher),
              bundle -> new BundlePublisher(artifactsUri, hasher).publish(bundle, store).toString(),
              hasher,
              dir.resolve("worker"));
      out.printf(
          "      trainer %s trains on %d thread(s):%n", trainer.getAddress(), workers.threads());
      ProgressLine progress = new ProgressLine(out, "        ", DemoSetup.STEPS);
      long started = System.nanoTime();
      TrainerRole.Outcome outcome = role.run(task.taskId(), progress);
      progress.finish();
      double seconds = (System.nanoTime() - started) / 1e9;
      Checkpoint trained = StateCheckpoints.capture(engine, model.specHash());
      double accuracy = Evaluation.accuracy(model.spec(), trained, heldOut);
      Path taskDir = dir.resolve("worker").resolve("task-" + task.taskId());
      out.printf(
          "      loss %.4f -> %.4f; held-out accuracy %.1f%% on %,d examples%n",
          outcome.firstLoss(), outcome.lastLoss(), 100 * accuracy, heldOut.size());
      out.printf("      committed root %s%n", outcome.root());
      out.printf(
          "      bundle %s (loss curve: %s)%n", outcome.bundleDir(), taskDir.resolve("loss.png"));
      return new Result(
          dataset.root().toHex(),
          model.specHash().toHex(),
          model.profile().canonical(),
          registered.modelId(),
          registered.token(),
          task.taskId(),
          DemoSetup.STEPS,
          DemoSetup.SEGMENT_LENGTH,
          outcome.root().toHex(),
          outcome.finalCheckpoint().toHex(),
          outcome.locator(),
          outcome.bundleDir().toAbsolutePath().toString(),
          taskDir.resolve("loss.png").toAbsolutePath().toString(),
          outcome.firstLoss(),
          outcome.lastLoss(),
          accuracy,
          seconds);
    }
  }

  /** The demo's task terms on {@code modelId} (the honest task and the cheater's). */
  static TaskCreation.Terms demoTask(BigInteger modelId) {
    return new TaskCreation.Terms(
        modelId,
        DemoSetup.STEPS,
        DemoSetup.REWARD,
        DemoSetup.VERIFIER_FEE,
        Duration.ofSeconds(DemoSetup.TASK_DURATION_SECONDS));
  }

  private static VerificationRules rules() {
    return new VerificationRules(
        DemoSetup.SEGMENT_LENGTH,
        DemoSetup.SAMPLES,
        DemoSetup.QUORUM,
        DemoSetup.DISPUTE_QUORUM,
        VerificationMode.EXACT,
        0,
        Duration.ofSeconds(DemoSetup.CHALLENGE_WINDOW_SECONDS),
        Duration.ofSeconds(DemoSetup.VERIFY_TIMEOUT_SECONDS),
        DemoSetup.TRAINER_BOND,
        DemoSetup.DISPUTE_BOND);
  }
}
