package io.proofmint.protocol.bundle;

import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.CheckpointFiles;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.commit.SegmentLeaf;
import io.proofmint.protocol.commit.SegmentTree;
import io.proofmint.protocol.commit.StepRecord;
import io.proofmint.protocol.crypto.Hash32;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated proof bundle: its manifest, records and segment tree, and where its checkpoints are.
 * What a verifier replays from: {@link #segmentRecords}, {@link #readCheckpoint} and {@link
 * #proof}.
 */
public final class ProofBundle {

  private final Path dir;
  private final BundleManifest manifest;
  private final List<StepRecord> records;
  private final SegmentTree tree;

  ProofBundle(Path dir, BundleManifest manifest, List<StepRecord> records, SegmentTree tree) {
    this.dir = dir;
    this.manifest = manifest;
    this.records = List.copyOf(records);
    this.tree = tree;
  }

  public Path dir() {
    return dir;
  }

  public BundleManifest manifest() {
    return manifest;
  }

  public Hash32 root() {
    return manifest.root();
  }

  public int segments() {
    return tree.segments();
  }

  public List<StepRecord> records() {
    return records;
  }

  /** The {@code k} records of segment {@code i}: steps {@code i*k .. i*k + k - 1}. */
  public List<StepRecord> segmentRecords(int segment) {
    int k = manifest.header().segmentLength();
    return records.subList(segment * k, (segment + 1) * k);
  }

  public SegmentTree tree() {
    return tree;
  }

  public SegmentLeaf leaf(int segment) {
    return tree.leaf(segment);
  }

  public List<Hash32> proof(int segment) {
    return tree.proof(segment);
  }

  /** {@code C_i}. */
  public Hash32 checkpointHash(int index) {
    return manifest.checkpoints().get(index);
  }

  public Path checkpointPath(int index) {
    return BundleLayout.checkpoint(dir, checkpointHash(index));
  }

  /**
   * Checks this bundle against the on-chain task: same binding, {@code C_0} is the head the task
   * started from, same root, {@code C_S} is the committed final checkpoint, same {@code S}. Because
   * the leaves were rebuilt from one list {@code C_0 .. C_S}, a valid bundle that matches also
   * proves that consecutive segments chain ({@code ckptEnd_i == ckptStart_{i+1}}).
   */
  public BundleValidation matches(CommittedTask task) {
    Path file = BundleLayout.manifest(dir);
    BundleHeader header = manifest.header();
    if (!header.binding().equals(task.binding())) {
      return mismatch(file, "task binding", task.binding(), header.binding());
    }
    if (!manifest.parentCheckpoint().equals(task.parentCheckpoint())) {
      return mismatch(
          file, "parent checkpoint C_0", task.parentCheckpoint(), manifest.parentCheckpoint());
    }
    if (!manifest.root().equals(task.root())) {
      return mismatch(file, "root", task.root(), manifest.root());
    }
    if (!manifest.finalCheckpoint().equals(task.finalCheckpoint())) {
      return mismatch(
          file, "final checkpoint C_S", task.finalCheckpoint(), manifest.finalCheckpoint());
    }
    if (header.segments() != task.segments()) {
      return mismatch(file, "segment count", task.segments(), header.segments());
    }
    return BundleValidation.valid(this);
  }

  private static BundleValidation mismatch(Path file, String what, Object expected, Object actual) {
    return BundleValidation.invalid(
        BundleValidation.Reason.COMMITMENT_MISMATCH,
        file,
        "%s: expected %s (on-chain), got %s".formatted(what, expected, actual));
  }

  /** Reads {@code C_i}, checking its hash first. */
  public Checkpoint readCheckpoint(int index, CheckpointHasher hasher) throws IOException {
    return CheckpointFiles.readVerified(checkpointPath(index), checkpointHash(index), hasher);
  }
}
