package io.proofmint.worker.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.batch.BatchDeriver;
import io.proofmint.protocol.batch.TaskSeed;
import io.proofmint.protocol.bundle.BundleReader;
import io.proofmint.protocol.bundle.BundleValidation;
import io.proofmint.protocol.bundle.ProofBundle;
import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.commit.StepRecord;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.worker.data.SyntheticTask;
import io.proofmint.worker.engine.AdamConfig;
import io.proofmint.worker.engine.MlpSpec;
import io.proofmint.worker.engine.ReproducibilityProfile;
import io.proofmint.worker.engine.RuntimeFacts;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.engine.VerificationMode;
import io.proofmint.worker.engine.WorkerPool;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingJobTest {

  private static final Examples DATA = SyntheticTask.gaussianClusters(5, 400, 32, 4);
  private static final ModelDefinition MODEL =
      new ModelDefinition(
          "job-test",
          MlpSpec.of(20, AdamConfig.withLearningRate(1e-2f), 32, 24, 4),
          ReproducibilityProfile.of(RuntimeFacts.probe(), 8, 16),
          VerificationMode.EXACT,
          7,
          Keccak.hashUtf8("test dataset"));
  private static final TaskBinding BINDING =
      TaskBinding.of(
          31337,
          Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
          BigInteger.valueOf(3),
          Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"));
  private static final CheckpointHasher HASHER = CheckpointHasher.sequential();

  private static WorkerPool workers;

  @TempDir Path dir;

  @BeforeAll
  static void startWorkers() {
    workers = WorkerPool.create(2);
  }

  @AfterAll
  static void stopWorkers() {
    workers.close();
  }

  private TrainingEngine engine() {
    return TrainingEngine.open(MODEL.spec(), MODEL.profile(), workers);
  }

  @Test
  void run_writesABundleThatValidates_andTheLossFalls() throws Exception {
    try (TrainingEngine engine = engine()) {
      Checkpoint parent = StateCheckpoints.initial(engine, MODEL);
      TrainingJob.Result result =
          new TrainingJob(MODEL, DATA, HASHER)
              .run(engine, BINDING, parent, 60, 10, dir.resolve("b"), StepListener.NONE);

      BundleValidation validation = new BundleReader(HASHER).validate(dir.resolve("b"));
      assertThat(validation.isValid()).as(validation.toString()).isTrue();
      assertThat(result.records()).hasSize(60);
      assertThat(result.manifest().checkpoints()).hasSize(7);
      float first = average(result.records().subList(0, 10));
      float last = average(result.records().subList(50, 60));
      assertThat(last).isLessThan(first * 0.8f);
    }
  }

  @Test
  void run_hashingOnTheTrainingThreadsOrBesideThem_writesTheSameBundle() throws Exception {
    Hash32[] roots = new Hash32[2];
    for (int i = 0; i < 2; i++) {
      Path bundle = dir.resolve("b" + i);
      try (TrainingEngine engine = engine()) {
        Checkpoint parent = StateCheckpoints.initial(engine, MODEL);
        roots[i] =
            new TrainingJob(MODEL, DATA, HASHER)
                .hashingOnTrainingThreads(i == 0)
                .run(engine, BINDING, parent, 30, 10, bundle, StepListener.NONE)
                .manifest()
                .root();
      }
      BundleValidation validation = new BundleReader(HASHER).validate(bundle);
      assertThat(validation.isValid()).as(validation.toString()).isTrue();
    }
    assertThat(roots[0]).isEqualTo(roots[1]);
  }

  @Test
  void checkpointsAreHashedOnTheTrainingThreads_exactlyWhenNoCoreIsLeftOver() {
    assertThat(TrainingJob.hashesOnTrainingThreads(2, 2)).isTrue();
    assertThat(TrainingJob.hashesOnTrainingThreads(8, 4)).isTrue();
    assertThat(TrainingJob.hashesOnTrainingThreads(1, 2)).isFalse();
    assertThat(TrainingJob.hashesOnTrainingThreads(3, 4)).isFalse();
  }

  @Test
  void run_afterACrashMidSegment_resumesToTheSameRootAsAnUninterruptedRun() throws Exception {
    Hash32 uninterrupted;
    try (TrainingEngine engine = engine()) {
      Checkpoint parent = StateCheckpoints.initial(engine, MODEL);
      uninterrupted =
          new TrainingJob(MODEL, DATA, HASHER)
              .run(engine, BINDING, parent, 40, 10, dir.resolve("whole"), StepListener.NONE)
              .manifest()
              .root();
    }
    try (TrainingEngine engine = engine()) {
      Checkpoint parent = StateCheckpoints.initial(engine, MODEL);
      StepListener crashAt25 =
          (step, loss) -> {
            if (step == 25) {
              throw new IllegalStateException("simulated crash");
            }
          };
      assertThatThrownBy(
              () ->
                  new TrainingJob(MODEL, DATA, HASHER)
                      .run(engine, BINDING, parent, 40, 10, dir.resolve("crashed"), crashAt25))
          .hasMessageContaining("simulated crash");
    }
    try (TrainingEngine engine = engine()) {
      Checkpoint parent = StateCheckpoints.initial(engine, MODEL);
      List<Long> stepsRun = new java.util.ArrayList<>();
      Hash32 resumed =
          new TrainingJob(MODEL, DATA, HASHER)
              .run(
                  engine,
                  BINDING,
                  parent,
                  40,
                  10,
                  dir.resolve("crashed"),
                  (step, loss) -> stepsRun.add(step))
              .manifest()
              .root();
      assertThat(resumed).isEqualTo(uninterrupted);
      assertThat(stepsRun).first().isEqualTo(20L); // segments 0 and 1 were kept
    }
  }

  @Test
  void replayOfASegmentFromItsStartCheckpoint_reproducesTheCommittedEndHash() throws Exception {
    ProofBundle bundle;
    try (TrainingEngine engine = engine()) {
      Checkpoint parent = StateCheckpoints.initial(engine, MODEL);
      new TrainingJob(MODEL, DATA, HASHER)
          .run(engine, BINDING, parent, 30, 10, dir.resolve("b"), StepListener.NONE);
      bundle = new BundleReader(HASHER).validate(dir.resolve("b")).bundle();
    }
    // A fresh engine on one worker thread replays segment 1 only.
    try (WorkerPool one = WorkerPool.singleThreaded();
        TrainingEngine verifier = TrainingEngine.open(MODEL.spec(), MODEL.profile(), one)) {
      StateCheckpoints.restore(verifier, bundle.readCheckpoint(1, HASHER), MODEL.specHash());
      BatchDeriver batches =
          BatchDeriver.of(
              TaskSeed.of(BINDING, bundle.checkpointHash(0)),
              MODEL.datasetRoot(),
              DATA.size(),
              MODEL.spec().batchSize());
      List<StepRecord> replayed =
          new SegmentRunner(verifier, DATA, batches).run(10, 10, StepListener.NONE);
      Hash32 end = HASHER.hash(StateCheckpoints.capture(verifier, MODEL.specHash()));
      assertThat(end).isEqualTo(bundle.checkpointHash(2));
      assertThat(replayed).isEqualTo(bundle.segmentRecords(1));
    }
  }

  @Test
  void modelDefinition_roundTripsThroughItsFile_andItsSpecHashCoversTheProfile() throws Exception {
    Path file = dir.resolve("model.json");
    MODEL.write(file);
    ModelDefinition read = ModelDefinition.read(file);
    assertThat(read.specHash()).isEqualTo(MODEL.specHash());
    ModelDefinition otherBlocks =
        new ModelDefinition(
            MODEL.name(),
            MODEL.spec(),
            ReproducibilityProfile.of(RuntimeFacts.probe(), 4, 16),
            MODEL.mode(),
            MODEL.initSeed(),
            MODEL.datasetRoot());
    assertThat(otherBlocks.specHash()).isNotEqualTo(MODEL.specHash());
  }

  private static float average(List<StepRecord> records) {
    float sum = 0;
    for (StepRecord r : records) {
      sum += r.loss();
    }
    return sum / records.size();
  }
}
