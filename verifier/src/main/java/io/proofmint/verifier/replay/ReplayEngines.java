package io.proofmint.verifier.replay;

import io.proofmint.worker.engine.OpenBlasProfile;
import io.proofmint.worker.engine.ReproducibilityProfile;
import io.proofmint.worker.engine.RuntimeFacts;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.engine.UnreproducibleProfileException;
import io.proofmint.worker.engine.WorkerPool;
import io.proofmint.worker.task.ModelDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the engine a verifier replays a model with. */
public final class ReplayEngines {

  private static final Logger LOG = LoggerFactory.getLogger(ReplayEngines.class);

  private ReplayEngines() {}

  /**
   * The engine under the model's own profile. A portable-profile model replays exactly on any CPU.
   * In tolerant mode a process that cannot reproduce an OpenBLAS profile (another BLAS, another
   * kernel set) replays under its own, with the model's row block and gradient tile sizes; exact
   * mode refuses with {@link UnreproducibleProfileException}, whose message says what to change.
   */
  public static TrainingEngine open(
      ModelDefinition model, ReplayPolicy policy, WorkerPool workers) {
    try {
      return TrainingEngine.open(model.spec(), model.profile(), workers);
    } catch (UnreproducibleProfileException e) {
      if (!policy.isTolerant() || !(model.profile() instanceof OpenBlasProfile blas)) {
        throw e;
      }
      ReproducibilityProfile local =
          ReproducibilityProfile.of(
              RuntimeFacts.probe(), blas.rowBlockSize(), blas.gradientTileSize());
      LOG.warn(
          "model '{}' is tolerant and this process cannot reproduce its profile ({}); replaying"
              + " under {}",
          model.name(),
          e.getMessage(),
          local);
      return TrainingEngine.open(model.spec(), local, workers);
    }
  }
}
