package io.proofmint.verifier.daemon;

import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What the daemon knows of a task of a served model, from confirmed events and its own work.
 * Immutable; each change makes a new value.
 *
 * @param seed null until a confirmed {@code SeedDrawn}
 * @param own this verifier's signed verdict; null until its replay finished
 * @param attested the accepted batch's ruling; null until a confirmed {@code AttestationsSubmitted}
 * @param disputed a confirmed {@code TaskDisputed} was seen
 * @param resolved the committee's ruling, when a confirmed {@code DisputeResolved} overturned it
 */
public record TrackedTask(
    BigInteger taskId,
    BigInteger modelId,
    Address trainer,
    Hash32 root,
    Hash32 finalCheckpoint,
    long segments,
    long seedBlock,
    String locator,
    Hash32 seed,
    OwnVerdict own,
    Ruling attested,
    boolean disputed,
    Ruling resolved) {

  public TrackedTask {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(root, "root");
  }

  public static TrackedTask committed(RegistryEvent.TaskCommitted e) {
    return new TrackedTask(
        e.taskId(),
        e.modelId(),
        e.trainer(),
        e.root(),
        e.finalCheckpoint(),
        e.segments(),
        e.seedBlock(),
        e.locator(),
        null,
        null,
        null,
        false,
        null);
  }

  public TrackedTask withSeed(Hash32 newSeed) {
    return new TrackedTask(
        taskId,
        modelId,
        trainer,
        root,
        finalCheckpoint,
        segments,
        seedBlock,
        locator,
        newSeed,
        own,
        attested,
        disputed,
        resolved);
  }

  public TrackedTask withSeedBlock(long newSeedBlock) {
    return new TrackedTask(
        taskId,
        modelId,
        trainer,
        root,
        finalCheckpoint,
        segments,
        newSeedBlock,
        locator,
        seed,
        own,
        attested,
        disputed,
        resolved);
  }

  public TrackedTask withOwn(OwnVerdict verdict) {
    return new TrackedTask(
        taskId,
        modelId,
        trainer,
        root,
        finalCheckpoint,
        segments,
        seedBlock,
        locator,
        seed,
        verdict,
        attested,
        disputed,
        resolved);
  }

  public TrackedTask withAttested(Ruling ruling) {
    return new TrackedTask(
        taskId,
        modelId,
        trainer,
        root,
        finalCheckpoint,
        segments,
        seedBlock,
        locator,
        seed,
        own,
        ruling,
        disputed,
        resolved);
  }

  public TrackedTask withDisputed() {
    return new TrackedTask(
        taskId,
        modelId,
        trainer,
        root,
        finalCheckpoint,
        segments,
        seedBlock,
        locator,
        seed,
        own,
        attested,
        true,
        resolved);
  }

  public TrackedTask withResolved(Ruling ruling) {
    return new TrackedTask(
        taskId,
        modelId,
        trainer,
        root,
        finalCheckpoint,
        segments,
        seedBlock,
        locator,
        seed,
        own,
        attested,
        disputed,
        ruling);
  }

  /**
   * Whether this is the commitment of {@code otherTrainer} to {@code otherRoot}. A root alone does
   * not name a commitment: the registry does not keep roots unique, so after a commitment expired
   * the next claimer may commit the same root to the same task (it binds the first trainer, so it
   * opens nothing for the second, docs/protocol.md section 1). The trainer does: a trainer commits
   * a task at most once (an expired commitment bars it from the task).
   */
  public boolean sameCommitment(Address otherTrainer, Hash32 otherRoot) {
    return root.equals(otherRoot) && Objects.equals(trainer, otherTrainer);
  }

  /** The attesters whose rewards the task pays: the committee after an overturn. */
  public Ruling standing() {
    return resolved != null ? resolved : attested;
  }
}
