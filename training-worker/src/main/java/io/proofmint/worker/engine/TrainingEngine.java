package io.proofmint.worker.engine;

import io.proofmint.protocol.checkpoint.TensorSpec;
import io.proofmint.protocol.dataset.Examples;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The step function a trainer runs and a verifier replays: one model, its Adam state and the worker
 * threads. {@link #step} trains on one batch and returns its loss; {@link #exportState()} and
 * {@link #importState} move the whole state (parameters, then optimizer) as named tensors in a
 * fixed order.
 *
 * <p>Under one {@link ReproducibilityProfile}, the state after any sequence of steps is the same
 * bits whatever the worker thread count, and whether or not the sequence was interrupted by an
 * export and import. Not thread-safe: one caller at a time.
 */
public final class TrainingEngine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingEngine.class);

  private final ModelSpec spec;
  private final ReproducibilityProfile profile;
  private final Model model;
  private final Adam adam;
  private final WorkerPool workers;
  private final List<TensorSpec> layout;
  private CompletableFuture<?> pendingExport; // a copy of the state being made on another thread

  private TrainingEngine(
      ModelSpec spec, ReproducibilityProfile profile, Model model, WorkerPool workers) {
    this.spec = spec;
    this.profile = profile;
    this.model = model;
    this.workers = workers;
    this.adam = new Adam(spec.adam(), model.parameterLayout());
    List<TensorSpec> all = new ArrayList<>(model.parameterLayout());
    all.addAll(adam.stateLayout());
    this.layout = List.copyOf(all);
  }

  /**
   * Opens an engine for {@code spec} under {@code profile}, with parameters zero until {@link
   * #initialize} or {@link #importState}. Under an {@link OpenBlasProfile} it sets BLAS and libnd4j
   * to one thread per call for the whole process; the {@link PortableProfile} loads no native code.
   *
   * @throws UnreproducibleProfileException if this process cannot reproduce {@code profile}
   */
  public static TrainingEngine open(
      ModelSpec spec, ReproducibilityProfile profile, WorkerPool workers) {
    return open(
        spec,
        profile,
        workers,
        PortableMlpModel.DEFAULT_ROW_BLOCK,
        PortableMlpModel.DEFAULT_GRADIENT_TILE);
  }

  /**
   * As {@link #open(ModelSpec, ReproducibilityProfile, WorkerPool)}, with the portable engine's row
   * block and gradient tile given (they change its speed, never its bits; tests vary them).
   */
  static TrainingEngine open(
      ModelSpec spec,
      ReproducibilityProfile profile,
      WorkerPool workers,
      int portableRowBlock,
      int portableGradientTile) {
    if (profile instanceof OpenBlasProfile) {
      Blas.useSingleThreadedCalls();
    }
    ProfileCheck check = profile.checkThisProcess();
    if (!check.isCompatible()) {
      throw new UnreproducibleProfileException(check);
    }
    Model model =
        switch (profile) {
          case OpenBlasProfile blas ->
              switch (spec) {
                case MlpSpec mlp -> new MlpModel(mlp, blas.rowBlockSize(), blas.gradientTileSize());
              };
          case PortableProfile portable ->
              switch (spec) {
                case MlpSpec mlp ->
                    new PortableMlpModel(mlp, portableRowBlock, portableGradientTile);
              };
        };
    LOG.info(
        "training engine open: {} under {} on {} worker thread(s){}",
        spec.canonical(),
        profile.canonical(),
        workers.threads(),
        profile instanceof PortableProfile ? ", kernel " + PortableKernels.ACTIVE.name() : "");
    return new TrainingEngine(spec, profile, model, workers);
  }

  /** Sets the parameters from {@code seed} and the optimizer to its initial state. */
  public TrainingEngine initialize(long seed) {
    awaitExport();
    model.initialize(seed);
    adam.reset();
    return this;
  }

  /** Trains one step on the examples {@code indices} name, in that order; returns the loss. */
  public float step(Examples data, int[] indices) {
    if (profile instanceof OpenBlasProfile blas) {
      int threads = Blas.threadsPerCall();
      if (threads != blas.blasThreadsPerCall()) {
        throw new UnreproducibleProfileException(
            new ProfileCheck(
                ProfileCheck.Reason.BLAS_THREADS_MISMATCH,
                "BLAS threads per call changed to %d during training; profile requires %d"
                    .formatted(threads, blas.blasThreadsPerCall())));
      }
    }
    float loss = model.forwardBackward(data, indices, workers);
    awaitExport(); // the forward and backward pass only read the state; the update changes it
    adam.update(model, workers);
    return loss;
  }

  /** Optimizer updates taken since initialization (carried through export and import). */
  public long stepsTaken() {
    return adam.step();
  }

  public ModelSpec spec() {
    return spec;
  }

  public ReproducibilityProfile profile() {
    return profile;
  }

  /** The threads this engine trains on (the caller's, lent for the engine's lifetime). */
  public WorkerPool workers() {
    return workers;
  }

  /** Names and shapes of {@link #exportState()}, in order: parameters, then optimizer state. */
  public List<TensorSpec> stateLayout() {
    return layout;
  }

  /** A copy of the full state: parameters in model order, then the optimizer's tensors. */
  public List<NamedTensor> exportState() {
    awaitExport();
    List<NamedTensor> state = new ArrayList<>(layout.size());
    List<TensorSpec> parameters = model.parameterLayout();
    for (int p = 0; p < parameters.size(); p++) {
      TensorSpec s = parameters.get(p);
      float[] data = new float[s.elementCount()];
      model.parameter(p).get(0, data);
      state.add(new NamedTensor(s.name(), s.shape(), data));
    }
    state.addAll(adam.exportState());
    return state;
  }

  /**
   * The gradients of the last step (protocol.md 15.3, step 4), one per parameter in model order:
   * what Adam consumed. For the example vectors, which list them so Adam can be checked alone.
   */
  List<NamedTensor> lastGradients() {
    List<NamedTensor> gradients = new ArrayList<>();
    List<TensorSpec> parameters = model.parameterLayout();
    for (int p = 0; p < parameters.size(); p++) {
      TensorSpec s = parameters.get(p);
      float[] data = new float[s.elementCount()];
      model.gradient(p).get(0, data);
      gradients.add(new NamedTensor(s.name(), s.shape(), data));
    }
    return gradients;
  }

  /**
   * Like {@link #exportState()}, but copies into the arrays of {@code target}, an earlier export of
   * this engine, instead of allocating 3 floats per parameter again: the worker captures a
   * checkpoint every few steps on the training thread, and the allocation was half of that cost.
   *
   * @return {@code target}, now holding the current state
   */
  public List<NamedTensor> exportStateInto(List<NamedTensor> target) {
    checkLayout(target);
    awaitExport();
    return copyStateInto(target);
  }

  /**
   * Like {@link #exportStateInto}, but the copy is made on {@code executor} while the caller goes
   * on training: the next step's forward and backward pass only read the state, so they run
   * meanwhile, and its optimizer update (or anything else that changes the state) first waits for
   * the copy. With a core to spare, a checkpoint then costs the training thread only this handoff
   * instead of copying the whole state (0.2 ms per 3.2 MB here, about 1% of 10 steps).
   *
   * @return completes with {@code target} holding the state as of this call; it completes
   *     exceptionally if the copy fails, which only its caller sees
   */
  public CompletableFuture<List<NamedTensor>> exportStateLater(
      List<NamedTensor> target, Executor executor) {
    checkLayout(target);
    awaitExport();
    CompletableFuture<List<NamedTensor>> copy =
        CompletableFuture.supplyAsync(() -> copyStateInto(target), executor);
    pendingExport = copy;
    return copy;
  }

  /** Waits for a copy started by {@link #exportStateLater} (its outcome is its caller's). */
  private void awaitExport() {
    CompletableFuture<?> pending = pendingExport;
    if (pending != null) {
      pendingExport = null;
      pending.handle((state, failure) -> null).join();
    }
  }

  private void checkLayout(List<NamedTensor> target) {
    if (target.size() != layout.size()) {
      throw new IllegalArgumentException(
          "state: expected %d tensors, got %d".formatted(layout.size(), target.size()));
    }
  }

  private List<NamedTensor> copyStateInto(List<NamedTensor> target) {
    List<TensorSpec> parameters = model.parameterLayout();
    for (int p = 0; p < parameters.size(); p++) {
      model.parameter(p).get(0, target.get(p).data());
    }
    adam.exportStateInto(target.subList(parameters.size(), target.size()));
    return target;
  }

  /**
   * Replaces the full state with {@code state}, which must match {@link #stateLayout()} name for
   * name and shape for shape.
   */
  public void importState(List<NamedTensor> state) {
    awaitExport();
    if (state.size() != layout.size()) {
      throw new IllegalArgumentException(
          "state: expected %d tensors, got %d".formatted(layout.size(), state.size()));
    }
    for (int i = 0; i < layout.size(); i++) {
      if (!layout.get(i).equals(state.get(i).spec())) {
        throw new IllegalArgumentException(
            "state tensor %d: expected %s, got %s"
                .formatted(i, layout.get(i), state.get(i).spec()));
      }
    }
    int parameters = model.parameterLayout().size();
    adam.importState(state.subList(parameters, state.size()));
    for (int p = 0; p < parameters; p++) {
      model.parameter(p).put(0, state.get(p).data());
    }
  }

  /** Frees the model's off-heap buffers; the worker pool belongs to the caller. */
  @Override
  public void close() {
    awaitExport();
    model.close();
  }
}
