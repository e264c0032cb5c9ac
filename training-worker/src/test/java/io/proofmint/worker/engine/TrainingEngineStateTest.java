package io.proofmint.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.checkpoint.TensorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TrainingEngineStateTest {

  @Test
  void stateLayout_listsParametersThenAdamState_inFixedOrder() {
    try (WorkerPool pool = WorkerPool.singleThreaded();
        TrainingEngine engine = TrainingEngine.open(Engines.SMALL, Engines.smallProfile(), pool)) {
      List<String> names = engine.stateLayout().stream().map(TensorSpec::name).toList();

      assertThat(names)
          .containsExactly(
              "layer0.weight",
              "layer0.bias",
              "layer1.weight",
              "layer1.bias",
              "layer2.weight",
              "layer2.bias",
              "adam.m.layer0.weight",
              "adam.m.layer0.bias",
              "adam.m.layer1.weight",
              "adam.m.layer1.bias",
              "adam.m.layer2.weight",
              "adam.m.layer2.bias",
              "adam.v.layer0.weight",
              "adam.v.layer0.bias",
              "adam.v.layer1.weight",
              "adam.v.layer1.bias",
              "adam.v.layer2.weight",
              "adam.v.layer2.bias",
              "adam.step");
      assertThat(engine.stateLayout().get(0).shape()).containsExactly(64, 48);
      assertThat(engine.exportState())
          .extracting(NamedTensor::spec)
          .isEqualTo(engine.stateLayout());
    }
  }

  @Test
  void exportStateInto_fillsTheGivenArrays_withTheSameBitsAsAFreshExport() {
    try (WorkerPool pool = WorkerPool.singleThreaded();
        TrainingEngine engine =
            TrainingEngine.open(Engines.SMALL, Engines.smallProfile(), pool).initialize(3)) {
      List<NamedTensor> reused = engine.exportState();
      float[] firstWeights = reused.get(0).data();
      float[] before = firstWeights.clone();
      Engines.train(engine, Engines.SMALL_DATA, 5, 0, 4);

      List<NamedTensor> filled = engine.exportStateInto(reused);

      assertThat(filled).isSameAs(reused);
      assertThat(filled.get(0).data()).isSameAs(firstWeights).isNotEqualTo(before);
      assertThat(Engines.firstDifference(filled, engine.exportState())).isEqualTo(-1);
      assertThat(filled.get(filled.size() - 1).data()).containsExactly(4f); // adam.step
    }
  }

  @Test
  void exportStateLater_copiesTheStateAsOfTheCall_andTheNextUpdateWaitsForTheCopy()
      throws Exception {
    ExecutorService copier = Executors.newSingleThreadExecutor();
    try (WorkerPool pool = WorkerPool.singleThreaded();
        TrainingEngine engine =
            TrainingEngine.open(Engines.SMALL, Engines.smallProfile(), pool).initialize(3);
        TrainingEngine reference =
            TrainingEngine.open(Engines.SMALL, Engines.smallProfile(), pool).initialize(3)) {
      Engines.train(engine, Engines.SMALL_DATA, 5, 0, 4);
      Engines.train(reference, Engines.SMALL_DATA, 5, 0, 4);
      List<NamedTensor> atStep4 = reference.exportState();
      // The copy cannot start before the gate opens, 100 ms from now; a step that did not wait
      // for it would change the state under it first.
      CountDownLatch gate = new CountDownLatch(1);
      copier.execute(
          () -> {
            try {
              gate.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      List<NamedTensor> target = engine.exportState();
      CompletableFuture<List<NamedTensor>> copied = engine.exportStateLater(target, copier);
      CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(gate::countDown);

      Engines.train(engine, Engines.SMALL_DATA, 5, 4, 6);

      assertThat(copied).isCompleted();
      assertThat(Engines.firstDifference(copied.get(), atStep4)).isEqualTo(-1);
      Engines.train(reference, Engines.SMALL_DATA, 5, 4, 6);
      assertThat(Engines.firstDifference(engine.exportState(), reference.exportState()))
          .isEqualTo(-1);
    } finally {
      copier.shutdownNow();
    }
  }

  @Test
  void exportStateInto_rejectsAStateOfAnotherLayout() {
    try (WorkerPool pool = WorkerPool.singleThreaded();
        TrainingEngine engine = TrainingEngine.open(Engines.SMALL, Engines.smallProfile(), pool)) {
      List<NamedTensor> state = engine.exportState();

      assertThatThrownBy(() -> engine.exportStateInto(state.subList(0, 3)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("expected 19 tensors, got 3");
    }
  }

  @Test
  void initialize_isBackendIndependentJavaPrng_pinnedByKnownValues() {
    try (WorkerPool pool = WorkerPool.singleThreaded();
        TrainingEngine engine =
            TrainingEngine.open(Engines.SMALL, Engines.smallProfile(), pool).initialize(1)) {
      float[] w = engine.exportState().get(0).data();
      float[] last = engine.exportState().get(4).data();
      // SplitMix64 + Box-Muller through StrictMath: these bits hold on every JVM and backend.
      assertThat(Float.floatToRawIntBits(w[0])).isEqualTo(0xbd47b88f);
      assertThat(Float.floatToRawIntBits(w[1])).isEqualTo(0x3e5660d3);
      assertThat(Float.floatToRawIntBits(w[2])).isEqualTo(0x3e45ca0b);
      assertThat(Float.floatToRawIntBits(last[last.length - 1])).isEqualTo(0x3e1c268a);
      float[] again;
      try (TrainingEngine other =
          TrainingEngine.open(Engines.SMALL, Engines.smallProfile(), pool).initialize(1)) {
        again = other.exportState().get(0).data();
      }
      assertThat(again).isEqualTo(w);
      double sumSquares = 0;
      for (float x : w) {
        sumSquares += x * x;
      }
      // He init: variance 2 / 64.
      assertThat(sumSquares / w.length).isBetween(0.025, 0.038);
    }
  }

  @Test
  void importState_rejectsWrongTensorWithNameAndShapes() {
    try (WorkerPool pool = WorkerPool.singleThreaded();
        TrainingEngine engine =
            TrainingEngine.open(Engines.SMALL, Engines.smallProfile(), pool).initialize(1)) {
      List<NamedTensor> state = new ArrayList<>(engine.exportState());
      state.set(2, new NamedTensor("layer1.weight", new int[] {48, 31}, new float[48 * 31]));

      assertThatThrownBy(() -> engine.importState(state))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "state tensor 2: expected layer1.weight FLOAT32[48, 32], got layer1.weight FLOAT32[48, 31]");
      assertThatThrownBy(() -> engine.importState(state.subList(0, 3)))
          .hasMessage("state: expected 19 tensors, got 3");
    }
  }

  @Test
  void step_rejectsBatchOfWrongSize() {
    try (WorkerPool pool = WorkerPool.singleThreaded();
        TrainingEngine engine =
            TrainingEngine.open(Engines.SMALL, Engines.smallProfile(), pool).initialize(1)) {
      assertThatThrownBy(() -> engine.step(Engines.SMALL_DATA, new int[3]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("mlp step: expected a batch of 40 indices, got 3");
    }
  }
}
