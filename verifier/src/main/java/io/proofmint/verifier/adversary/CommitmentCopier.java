package io.proofmint.verifier.adversary;

import io.proofmint.protocol.bundle.BundleHeader;
import io.proofmint.protocol.bundle.BundleManifest;
import io.proofmint.protocol.bundle.BundleWriter;
import io.proofmint.protocol.bundle.ProofBundle;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.worker.task.TrainingJob;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A trainer that copies another trainer's published work. Committing the victim's root as it is
 * gets nowhere: every leaf binds the trainer and the task, so no leaf of that tree proves under the
 * copier's binding. The copier therefore rebinds: it rewrites the victim's records and checkpoints
 * under its own binding and commits the new root. That bundle validates, but its batches were
 * derived from the victim's task seed, not the copier's, so every segment fails a replay ({@code
 * BATCH_MISMATCH}).
 */
public final class CommitmentCopier {

  private final CheckpointHasher hasher;

  public CommitmentCopier(CheckpointHasher hasher) {
    this.hasher = hasher;
  }

  /** Writes the victim's bundle again under {@code copier}'s binding into {@code bundleDir}. */
  public TrainingJob.Result rebind(ProofBundle victim, TaskBinding copier, Path bundleDir)
      throws IOException {
    BundleHeader original = victim.manifest().header();
    BundleHeader header =
        new BundleHeader(
            copier,
            original.specHash(),
            original.datasetRoot(),
            original.profile(),
            original.steps(),
            original.segmentLength());
    BundleWriter writer = BundleWriter.open(bundleDir, header, hasher);
    writer.start(victim.readCheckpoint(0, hasher));
    for (int segment = 0; segment < victim.segments(); segment++) {
      writer.completeSegment(
          victim.segmentRecords(segment), victim.readCheckpoint(segment + 1, hasher));
    }
    BundleManifest manifest = writer.finish();
    return new TrainingJob.Result(manifest, bundleDir, writer.records());
  }
}
