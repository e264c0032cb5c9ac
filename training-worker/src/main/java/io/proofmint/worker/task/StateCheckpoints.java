package io.proofmint.worker.task;

import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.Tensor;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.worker.engine.NamedTensor;
import io.proofmint.worker.engine.TrainingEngine;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Maps the engine's full training state to the protocol's checkpoint and back, tensor by tensor.
 */
public final class StateCheckpoints {

  private StateCheckpoints() {}

  /**
   * A model's first checkpoint: the engine initialised from the model's seed. Anyone holding the
   * model definition recomputes it, so it needs no artifact store.
   */
  public static Checkpoint initial(TrainingEngine engine, ModelDefinition model) {
    engine.initialize(model.initSeed());
    return capture(engine, model.specHash());
  }

  /** The engine's current state as a checkpoint; its step is the optimizer's step count. */
  public static Checkpoint capture(TrainingEngine engine, Hash32 specHash) {
    List<Tensor> tensors =
        engine.exportState().stream().map(t -> Tensor.wrap(t.name(), t.shape(), t.data())).toList();
    return Checkpoint.of(engine.stepsTaken(), specHash, tensors);
  }

  /**
   * The engine's current state copied into {@code buffers} (arrays of {@link
   * TrainingEngine#stateLayout()}, see {@link #stateBuffers}), as a checkpoint whose tensors share
   * those arrays: no allocation.
   */
  public static Checkpoint captureInto(
      TrainingEngine engine, Hash32 specHash, List<NamedTensor> buffers) {
    engine.exportStateInto(buffers);
    return wrap(engine.stepsTaken(), specHash, buffers);
  }

  /** A checkpoint whose state the engine has yet to copy out, and the copy's completion. */
  public record PendingCapture(Checkpoint checkpoint, CompletableFuture<?> copied) {}

  /**
   * Starts copying the engine's current state into {@code buffers} (arrays of {@link
   * TrainingEngine#stateLayout()}) on {@code executor}, while the caller goes on training (see
   * {@link TrainingEngine#exportStateLater}); the returned checkpoint holds that state once {@code
   * copied} completes. Nobody may read or reuse the buffers before then.
   */
  public static PendingCapture captureLater(
      TrainingEngine engine, Hash32 specHash, List<NamedTensor> buffers, Executor executor) {
    long step = engine.stepsTaken();
    CompletableFuture<?> copied = engine.exportStateLater(buffers, executor);
    return new PendingCapture(wrap(step, specHash, buffers), copied);
  }

  /** A checkpoint whose tensors are {@code state}'s arrays (not copies). */
  private static Checkpoint wrap(long step, Hash32 specHash, List<NamedTensor> state) {
    return Checkpoint.of(
        step,
        specHash,
        state.stream().map(t -> Tensor.wrap(t.name(), t.shape(), t.data())).toList());
  }

  /**
   * Zeroed arrays in the engine's state layout, for {@link #captureInto} and {@link #captureLater}.
   */
  public static List<NamedTensor> stateBuffers(TrainingEngine engine) {
    return engine.stateLayout().stream()
        .map(s -> NamedTensor.of(s.name(), s.shape(), new float[s.elementCount()]))
        .toList();
  }

  /** Loads {@code checkpoint} into {@code engine}, refusing one made for another model. */
  public static void restore(TrainingEngine engine, Checkpoint checkpoint, Hash32 specHash) {
    if (!checkpoint.specHash().equals(specHash)) {
      throw new IllegalArgumentException(
          "checkpoint is for model spec " + checkpoint.specHash() + ", expected " + specHash);
    }
    engine.importState(
        checkpoint.tensors().stream()
            .map(t -> NamedTensor.of(t.name(), t.shape(), t.data()))
            .toList());
    if (engine.stepsTaken() != checkpoint.step()) {
      throw new IllegalStateException(
          "checkpoint step "
              + checkpoint.step()
              + " but the restored optimizer reports "
              + engine.stepsTaken());
    }
  }
}
