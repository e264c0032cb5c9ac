package io.proofmint.worker.engine;

import static io.proofmint.worker.engine.Engines.SMALL;
import static io.proofmint.worker.engine.Engines.SMALL_DATA;
import static io.proofmint.worker.engine.Engines.firstDifference;
import static io.proofmint.worker.engine.Engines.train;
import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.dataset.Examples;
import io.proofmint.worker.data.SyntheticTask;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The properties exact-mode verification rests on. */
class TrainingEngineDeterminismTest {

  private static final long SEED = 7;
  private static final long DATA_SEED = 99;
  private static final int STEPS = 12;

  private record Run(List<NamedTensor> state, float[] losses) {}

  private static Run run(MlpSpec spec, Examples data, ReproducibilityProfile profile, int threads) {
    try (WorkerPool pool = WorkerPool.create(threads);
        TrainingEngine engine = TrainingEngine.open(spec, profile, pool).initialize(SEED)) {
      float[] losses = train(engine, data, DATA_SEED, 0, STEPS);
      return new Run(engine.exportState(), losses);
    }
  }

  @Test
  void sameSeedAndData_giveIdenticalBits_acrossRuns() {
    Run first = run(SMALL, SMALL_DATA, Engines.smallProfile(), 1);
    Run second = run(SMALL, SMALL_DATA, Engines.smallProfile(), 1);

    assertThat(firstDifference(first.state(), second.state())).isEqualTo(-1);
    assertThat(first.losses()).isEqualTo(second.losses());
  }

  @Test
  void workerThreadCount_doesNotChangeBits() {
    Run one = run(SMALL, SMALL_DATA, Engines.smallProfile(), 1);
    Run two = run(SMALL, SMALL_DATA, Engines.smallProfile(), 2);
    Run three = run(SMALL, SMALL_DATA, Engines.smallProfile(), 3);

    assertThat(firstDifference(one.state(), two.state())).isEqualTo(-1);
    assertThat(firstDifference(one.state(), three.state())).isEqualTo(-1);
    assertThat(one.losses()).isEqualTo(two.losses()).isEqualTo(three.losses());
  }

  @Test
  void workerThreadCount_doesNotChangeBits_onReferenceModel() {
    MlpSpec reference = MlpSpec.of(128, AdamConfig.defaults(), 784, 256, 256, 10);
    Examples data = SyntheticTask.gaussianClusters(3, 1024, 784, 10);
    ReproducibilityProfile profile = ReproducibilityProfile.of(RuntimeFacts.probe());

    Run one = run(reference, data, profile, 1);
    Run two = run(reference, data, profile, 2);

    assertThat(firstDifference(one.state(), two.state())).isEqualTo(-1);
    assertThat(one.losses()).isEqualTo(two.losses());
  }

  @Test
  void differentSeed_changesBits() {
    Run base = run(SMALL, SMALL_DATA, Engines.smallProfile(), 1);
    Run other;
    try (WorkerPool pool = WorkerPool.singleThreaded();
        TrainingEngine engine =
            TrainingEngine.open(SMALL, Engines.smallProfile(), pool).initialize(SEED + 1)) {
      train(engine, SMALL_DATA, DATA_SEED, 0, STEPS);
      other = new Run(engine.exportState(), new float[0]);
    }

    assertThat(firstDifference(base.state(), other.state())).isZero();
  }

  @Test
  void replayFromExportedState_matchesUninterruptedRun() {
    Run uninterrupted = run(SMALL, SMALL_DATA, Engines.smallProfile(), 1);

    List<NamedTensor> checkpoint;
    try (WorkerPool pool = WorkerPool.singleThreaded();
        TrainingEngine engine =
            TrainingEngine.open(SMALL, Engines.smallProfile(), pool).initialize(SEED)) {
      train(engine, SMALL_DATA, DATA_SEED, 0, STEPS / 2);
      checkpoint = engine.exportState();
    }
    List<NamedTensor> replayed;
    float[] replayedLosses;
    try (WorkerPool pool = WorkerPool.create(2);
        TrainingEngine verifier = TrainingEngine.open(SMALL, Engines.smallProfile(), pool)) {
      verifier.importState(checkpoint);
      assertThat(verifier.stepsTaken()).isEqualTo(STEPS / 2);
      replayedLosses = train(verifier, SMALL_DATA, DATA_SEED, STEPS / 2, STEPS);
      replayed = verifier.exportState();
    }

    assertThat(firstDifference(uninterrupted.state(), replayed)).isEqualTo(-1);
    float[] secondHalf = new float[STEPS / 2];
    System.arraycopy(uninterrupted.losses(), STEPS / 2, secondHalf, 0, STEPS / 2);
    assertThat(replayedLosses).isEqualTo(secondHalf);
  }

  @Test
  void loss_falls_onLearnableSyntheticTask() {
    Examples data = SyntheticTask.gaussianClusters(5, 2048, 64, 10);
    try (WorkerPool pool = WorkerPool.create(2);
        TrainingEngine engine =
            TrainingEngine.open(SMALL, Engines.smallProfile(), pool).initialize(SEED)) {
      float[] losses = train(engine, data, DATA_SEED, 0, 150);

      float first = mean(losses, 0, 10);
      float last = mean(losses, 140, 150);
      assertThat(first).isGreaterThan(1.5f);
      assertThat(last).isLessThan(first / 4);
    }
  }

  private static float mean(float[] values, int from, int to) {
    float sum = 0;
    for (int i = from; i < to; i++) {
      sum += values[i];
    }
    return sum / (to - from);
  }
}
