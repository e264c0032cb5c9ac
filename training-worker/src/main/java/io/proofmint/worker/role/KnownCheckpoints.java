package io.proofmint.worker.role;

import io.proofmint.protocol.artifacts.ArtifactKind;
import io.proofmint.protocol.artifacts.LocalArtifactStore;
import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.CheckpointFiles;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.task.ModelDefinition;
import io.proofmint.worker.task.StateCheckpoints;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Parent checkpoints a worker can produce without asking anyone: the model's initial checkpoint
 * (recomputed from its definition) and any checkpoint in the local artifact store, read back and
 * checked against its hash.
 */
public final class KnownCheckpoints implements ParentCheckpoints {

  private final ModelDefinition model;
  private final TrainingEngine engine;
  private final LocalArtifactStore store;
  private final CheckpointHasher hasher;

  public KnownCheckpoints(
      ModelDefinition model,
      TrainingEngine engine,
      LocalArtifactStore store,
      CheckpointHasher hasher) {
    this.model = model;
    this.engine = engine;
    this.store = store;
    this.hasher = hasher;
  }

  @Override
  public Checkpoint checkpoint(Hash32 hash) throws IOException {
    Checkpoint initial = StateCheckpoints.initial(engine, model);
    if (hasher.hash(initial).equals(hash)) {
      return initial;
    }
    Optional<Path> stored = store.path(ArtifactKind.CHECKPOINT, hash);
    if (stored.isPresent()) {
      return CheckpointFiles.readVerified(stored.get(), hash, hasher);
    }
    throw new NoSuchFileException(
        store.location(ArtifactKind.CHECKPOINT, hash).toString(),
        null,
        "parent checkpoint "
            + hash
            + " is neither model '"
            + model.name()
            + "''s initial checkpoint nor in the local artifact store; fetch it from the"
            + " locator of the task that produced it");
  }
}
