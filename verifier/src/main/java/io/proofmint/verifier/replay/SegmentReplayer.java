package io.proofmint.verifier.replay;

import io.proofmint.protocol.batch.BatchDeriver;
import io.proofmint.protocol.batch.TaskSeed;
import io.proofmint.protocol.bundle.BundleHeader;
import io.proofmint.protocol.bundle.ProofBundle;
import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.commit.StepRecord;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.task.ModelDefinition;
import io.proofmint.worker.task.SegmentRunner;
import io.proofmint.worker.task.StateCheckpoints;
import io.proofmint.worker.task.StepListener;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Replays one segment of a validated proof bundle with the trainer's own step function and judges
 * it (docs/verifier.md, "Replay rules"):
 *
 * <ol>
 *   <li>the bundle must be of this model (spec hash, dataset root);
 *   <li>every recorded batch hash must be the one derived from {@code TaskSeed.of(binding, C_0)},
 *       checked before any training, so a trainer that used other data costs no replay;
 *   <li>{@code C_i} is read and checked against its hash, loaded into the engine, and the {@code k}
 *       steps are run with {@link SegmentRunner}, exactly as {@code TrainingJob} ran them;
 *   <li>exact mode: the end state's checkpoint hash must be {@code C_{i+1}} and every loss must
 *       have the recorded bits; tolerant mode: the end state must be within the threshold of {@code
 *       C_{i+1}} ({@link StateDistance}) and every loss within the same relative error.
 * </ol>
 *
 * <p>Only the checkpoints of the replayed segment need to be present (a partial bundle as {@code
 * BundleFetcher} lays it out). Not thread-safe: it drives one engine.
 */
public final class SegmentReplayer {

  private final ModelDefinition model;
  private final Examples data;
  private final TrainingEngine engine;
  private final CheckpointHasher hasher;
  private final ReplayPolicy policy;
  private final LongSupplier nanoTime;
  private final int parameters;

  /**
   * @param engine an engine for the model's spec; in exact mode under the model's profile
   */
  public SegmentReplayer(
      ModelDefinition model,
      Examples data,
      TrainingEngine engine,
      CheckpointHasher hasher,
      ReplayPolicy policy,
      LongSupplier nanoTime) {
    if (!engine.spec().canonical().equals(model.spec().canonical())) {
      throw new IllegalArgumentException(
          "replay engine: expected spec %s, got %s"
              .formatted(model.spec().canonical(), engine.spec().canonical()));
    }
    if (!policy.isTolerant() && !engine.profile().equals(model.profile())) {
      throw new IllegalArgumentException(
          "exact replay of model '%s': expected an engine under profile %s, got %s"
              .formatted(model.name(), model.profile(), engine.profile()));
    }
    this.model = model;
    this.data = data;
    this.engine = engine;
    this.hasher = hasher;
    this.policy = policy;
    this.nanoTime = nanoTime;
    this.parameters = StateDistance.parameterCount(model.spec());
  }

  public SegmentReplayer(
      ModelDefinition model,
      Examples data,
      TrainingEngine engine,
      CheckpointHasher hasher,
      ReplayPolicy policy) {
    this(model, data, engine, hasher, policy, System::nanoTime);
  }

  public ReplayPolicy policy() {
    return policy;
  }

  /**
   * Replays segment {@code segment} of {@code bundle}.
   *
   * @throws IllegalArgumentException if the bundle is not of this model or the segment is out of
   *     range (the caller validates a bundle against the model before replaying it)
   */
  public SegmentReplay replay(ProofBundle bundle, int segment) {
    long started = nanoTime.getAsLong();
    BundleHeader header = bundle.manifest().header();
    checkBundle(header, bundle, segment);
    int k = header.segmentLength();
    long first = (long) segment * k;
    Hash32 committedEnd = bundle.checkpointHash(segment + 1);
    List<StepRecord> committed = bundle.segmentRecords(segment);
    Outcome out = new Outcome(segment, committedEnd, started);

    BatchDeriver batches =
        BatchDeriver.of(
            TaskSeed.of(header.binding(), bundle.checkpointHash(0)),
            model.datasetRoot(),
            data.size(),
            model.spec().batchSize());
    for (StepRecord record : committed) {
      Hash32 derived = batches.batchHash(record.step());
      if (!derived.equals(record.batchHash())) {
        return out.result(
            ReplayReason.BATCH_MISMATCH,
            null,
            Double.NaN,
            record.step(),
            "step %d: expected batch hash %s (derived), got %s"
                .formatted(record.step(), derived, record.batchHash()));
      }
    }

    Checkpoint start;
    try {
      start = bundle.readCheckpoint(segment, hasher);
    } catch (IOException e) {
      return out.result(
          ReplayReason.CHECKPOINT_UNAVAILABLE, null, Double.NaN, -1, "C_" + segment + ": " + e);
    }
    try {
      StateCheckpoints.restore(engine, start, model.specHash());
    } catch (IllegalArgumentException | IllegalStateException e) {
      return out.result(
          ReplayReason.CHECKPOINT_INVALID, null, Double.NaN, -1, "C_" + segment + ": " + e);
    }
    List<StepRecord> replayed =
        new SegmentRunner(engine, data, batches).run(first, k, StepListener.NONE);
    Checkpoint end = StateCheckpoints.capture(engine, model.specHash());
    Hash32 endHash = hasher.hash(end);
    return policy.isTolerant()
        ? judgeTolerant(bundle, segment, out, committed, replayed, end, endHash)
        : judgeExact(out, committed, replayed, endHash);
  }

  private SegmentReplay judgeExact(
      Outcome out, List<StepRecord> committed, List<StepRecord> replayed, Hash32 endHash) {
    if (!endHash.equals(out.committedEnd)) {
      return out.result(
          ReplayReason.END_HASH_MISMATCH,
          endHash,
          Double.NaN,
          -1,
          "C_%d: expected %s (committed), replay gave %s"
              .formatted(out.segment + 1, out.committedEnd, endHash));
    }
    for (int j = 0; j < committed.size(); j++) {
      StepRecord c = committed.get(j);
      StepRecord r = replayed.get(j);
      if (c.lossBits() != r.lossBits()) {
        return out.result(
            ReplayReason.LOSS_MISMATCH,
            endHash,
            Double.NaN,
            c.step(),
            "step %d: expected loss bits 0x%08x (replayed), got 0x%08x"
                .formatted(c.step(), r.lossBits(), c.lossBits()));
      }
    }
    return out.result(ReplayReason.MATCH, endHash, 0.0, -1, "end hash and records equal");
  }

  private SegmentReplay judgeTolerant(
      ProofBundle bundle,
      int segment,
      Outcome out,
      List<StepRecord> committed,
      List<StepRecord> replayed,
      Checkpoint end,
      Hash32 endHash) {
    boolean bitEqual = endHash.equals(out.committedEnd);
    double distance = 0;
    if (!bitEqual) {
      Checkpoint committedEnd;
      try {
        committedEnd = bundle.readCheckpoint(segment + 1, hasher);
      } catch (IOException e) {
        return out.result(
            ReplayReason.CHECKPOINT_UNAVAILABLE,
            endHash,
            Double.NaN,
            -1,
            "C_" + (segment + 1) + ": " + e);
      }
      distance = StateDistance.between(end, committedEnd, parameters);
      if (!(distance <= policy.threshold())) {
        return out.result(
            ReplayReason.DISTANCE_ABOVE_THRESHOLD,
            endHash,
            distance,
            -1,
            "C_%d: expected distance <= %.3g, got %.3g"
                .formatted(segment + 1, policy.threshold(), distance));
      }
    }
    for (int j = 0; j < committed.size(); j++) {
      StepRecord c = committed.get(j);
      double lossError = StateDistance.relative(replayed.get(j).loss(), c.loss());
      if (!(lossError <= policy.threshold())) {
        return out.result(
            ReplayReason.LOSS_MISMATCH,
            endHash,
            distance,
            c.step(),
            "step %d: expected loss %s (replayed, within %.3g), got %s"
                .formatted(c.step(), replayed.get(j).loss(), policy.threshold(), c.loss()));
      }
    }
    return bitEqual
        ? out.result(ReplayReason.MATCH, endHash, 0.0, -1, "end hash and records equal")
        : out.result(
            ReplayReason.WITHIN_TOLERANCE,
            endHash,
            distance,
            -1,
            "distance %.3g <= %.3g".formatted(distance, policy.threshold()));
  }

  private void checkBundle(BundleHeader header, ProofBundle bundle, int segment) {
    if (!header.specHash().equals(model.specHash())) {
      throw new IllegalArgumentException(
          "bundle %s: expected model spec %s ('%s'), got %s"
              .formatted(bundle.dir(), model.specHash(), model.name(), header.specHash()));
    }
    if (!header.datasetRoot().equals(model.datasetRoot())) {
      throw new IllegalArgumentException(
          "bundle %s: expected dataset root %s, got %s"
              .formatted(bundle.dir(), model.datasetRoot(), header.datasetRoot()));
    }
    if (segment < 0 || segment >= bundle.segments()) {
      throw new IllegalArgumentException(
          "segment %d: expected 0 <= segment < %d".formatted(segment, bundle.segments()));
    }
  }

  /** Builds results with the elapsed time filled in. */
  private final class Outcome {
    private final int segment;
    private final Hash32 committedEnd;
    private final long started;

    Outcome(int segment, Hash32 committedEnd, long started) {
      this.segment = segment;
      this.committedEnd = committedEnd;
      this.started = started;
    }

    SegmentReplay result(
        ReplayReason reason, Hash32 replayed, double distance, long step, String detail) {
      Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - started);
      return new SegmentReplay(
          segment, reason, committedEnd, replayed, distance, step, detail, elapsed);
    }
  }
}
