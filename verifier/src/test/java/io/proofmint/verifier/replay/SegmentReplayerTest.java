package io.proofmint.verifier.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.bundle.BundleLayout;
import io.proofmint.protocol.bundle.BundleReader;
import io.proofmint.protocol.bundle.ProofBundle;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.verifier.TinyTask;
import io.proofmint.verifier.adversary.Cheat;
import io.proofmint.worker.engine.ReproducibilityProfile;
import io.proofmint.worker.engine.RuntimeFacts;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.engine.VerificationMode;
import io.proofmint.worker.engine.WorkerPool;
import io.proofmint.worker.task.ModelDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentReplayerTest {

  private static WorkerPool workers;
  private static WorkerPool one;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    workers = WorkerPool.create(2);
    one = WorkerPool.singleThreaded();
  }

  @AfterAll
  static void stop() {
    workers.close();
    one.close();
  }

  private ProofBundle bundle(Path bundleDir) throws Exception {
    return new BundleReader(TinyTask.HASHER).validate(bundleDir).validBundle().orElseThrow();
  }

  private static SegmentReplay replay(
      ModelDefinition model, ReplayPolicy policy, ProofBundle bundle, int segment) {
    try (TrainingEngine engine = TrainingEngine.open(model.spec(), model.profile(), one)) {
      return new SegmentReplayer(model, TinyTask.DATA, engine, TinyTask.HASHER, policy)
          .replay(bundle, segment);
    }
  }

  @Test
  void replay_onOneThread_matchesEverySegmentOfAnHonestTwoThreadBundle() throws Exception {
    TinyTask.honest(TinyTask.EXACT, workers, TinyTask.BINDING, 40, dir.resolve("b"));
    ProofBundle bundle = bundle(dir.resolve("b"));
    try (TrainingEngine engine =
        TrainingEngine.open(TinyTask.EXACT.spec(), TinyTask.EXACT.profile(), one)) {
      SegmentReplayer replayer =
          new SegmentReplayer(
              TinyTask.EXACT, TinyTask.DATA, engine, TinyTask.HASHER, ReplayPolicy.exact());
      for (int i = 0; i < 4; i++) {
        SegmentReplay r = replayer.replay(bundle, i);
        assertThat(r.reason()).as(r.toString()).isEqualTo(ReplayReason.MATCH);
        assertThat(r.replayedEnd()).isEqualTo(bundle.checkpointHash(i + 1));
      }
    }
  }

  @Test
  void replay_rejectsSegmentWhoseEndHashDiffers() throws Exception {
    TinyTask.cheat(TinyTask.EXACT, workers, 40, dir.resolve("b"), Cheat.FakeSegments.of(Set.of(2)));
    ProofBundle bundle = bundle(dir.resolve("b"));

    assertThat(replay(TinyTask.EXACT, ReplayPolicy.exact(), bundle, 1).reason())
        .isEqualTo(ReplayReason.MATCH);
    SegmentReplay faked = replay(TinyTask.EXACT, ReplayPolicy.exact(), bundle, 2);
    assertThat(faked.reason()).isEqualTo(ReplayReason.END_HASH_MISMATCH);
    assertThat(faked.replayedEnd()).isNotEqualTo(faked.committedEnd());
    assertThat(faked.detail()).contains("C_3: expected " + bundle.checkpointHash(3));
    assertThat(replay(TinyTask.EXACT, ReplayPolicy.exact(), bundle, 3).reason())
        .as("the segment after a faked one starts from the forged state and replays")
        .isEqualTo(ReplayReason.MATCH);
  }

  @Test
  void replay_rejectsTrainingOnOtherData_beforeRunningAStep_whenTheRecordsAreHonest()
      throws Exception {
    // A copier's bundle keeps the batch hashes of another task's seed.
    TinyTask.honest(
        TinyTask.EXACT,
        workers,
        io.proofmint.protocol.commit.TaskBinding.of(
            31337,
            TinyTask.BINDING.registry(),
            java.math.BigInteger.valueOf(99),
            TinyTask.BINDING.trainer()),
        20,
        dir.resolve("victim"));
    new io.proofmint.verifier.adversary.CommitmentCopier(TinyTask.HASHER)
        .rebind(bundle(dir.resolve("victim")), TinyTask.BINDING, dir.resolve("copy"));
    SegmentReplay r = replay(TinyTask.EXACT, ReplayPolicy.exact(), bundle(dir.resolve("copy")), 1);
    assertThat(r.reason()).isEqualTo(ReplayReason.BATCH_MISMATCH);
    assertThat(r.failingStep()).isEqualTo(10);
    assertThat(r.replayedEndHash()).isEmpty();
  }

  @Test
  void replay_rejectsOtherDataBehindDerivedBatchHashes_byItsEndState() throws Exception {
    TinyTask.cheat(
        TinyTask.EXACT,
        workers,
        20,
        dir.resolve("b"),
        new Cheat.OtherData(Keccak.hashUtf8("another task")));
    SegmentReplay r = replay(TinyTask.EXACT, ReplayPolicy.exact(), bundle(dir.resolve("b")), 0);
    assertThat(r.reason()).isEqualTo(ReplayReason.END_HASH_MISMATCH);
  }

  @Test
  void replay_reportsAMissingStartCheckpoint() throws Exception {
    TinyTask.honest(TinyTask.EXACT, workers, TinyTask.BINDING, 20, dir.resolve("b"));
    ProofBundle bundle = bundle(dir.resolve("b"));
    Files.delete(BundleLayout.checkpoint(dir.resolve("b"), bundle.checkpointHash(1)));
    SegmentReplay r = replay(TinyTask.EXACT, ReplayPolicy.exact(), bundle, 1);
    assertThat(r.reason()).isEqualTo(ReplayReason.CHECKPOINT_UNAVAILABLE);
    assertThat(r.detail()).contains("C_1");
  }

  /**
   * "Other hardware" that differs on every CPU: a tolerant model trained under this process's
   * OpenBLAS kernel, replayed under the portable profile (a sequential fma chain per element, not
   * OpenBLAS's blocked sums), so the honest distance is small but never zero, whatever the kernel.
   */
  @Test
  void tolerantReplay_underOtherArithmetic_isWithinTolerance_andRandomWeightsAreNot()
      throws Exception {
    ModelDefinition tolerant =
        TinyTask.model(
            VerificationMode.TOLERANT, ReproducibilityProfile.of(RuntimeFacts.probe(), 8, 16));
    TinyTask.honest(tolerant, workers, TinyTask.BINDING, 20, dir.resolve("honest"));
    TinyTask.cheat(tolerant, workers, 20, dir.resolve("random"), new Cheat.RandomWeights(3));
    ReplayPolicy policy = ReplayPolicy.tolerant(1e-3);
    try (TrainingEngine engine =
        TrainingEngine.open(tolerant.spec(), ReproducibilityProfile.portable(), one)) {
      SegmentReplayer replayer =
          new SegmentReplayer(tolerant, TinyTask.DATA, engine, TinyTask.HASHER, policy);
      SegmentReplay honest = replayer.replay(bundle(dir.resolve("honest")), 1);
      assertThat(honest.reason()).as(honest.toString()).isEqualTo(ReplayReason.WITHIN_TOLERANCE);
      assertThat(honest.distance()).isGreaterThan(0).isLessThan(1e-3);
      SegmentReplay random = replayer.replay(bundle(dir.resolve("random")), 1);
      assertThat(random.reason()).isEqualTo(ReplayReason.DISTANCE_ABOVE_THRESHOLD);
      assertThat(random.distance()).isGreaterThan(0.1);
    }
  }

  @Test
  void exactReplayer_refusesAnEngineUnderAnotherProfile() {
    ReproducibilityProfile otherBlocks = ReproducibilityProfile.of(RuntimeFacts.probe(), 32, 16);
    try (TrainingEngine engine = TrainingEngine.open(TinyTask.EXACT.spec(), otherBlocks, one)) {
      assertThatThrownBy(
              () ->
                  new SegmentReplayer(
                      TinyTask.EXACT, TinyTask.DATA, engine, TinyTask.HASHER, ReplayPolicy.exact()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected an engine under profile");
    }
  }
}
