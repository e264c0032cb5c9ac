package io.proofmint.verifier.adversary;

import io.proofmint.protocol.batch.BatchDeriver;
import io.proofmint.protocol.batch.TaskSeed;
import io.proofmint.protocol.bundle.BundleHeader;
import io.proofmint.protocol.bundle.BundleManifest;
import io.proofmint.protocol.bundle.BundleWriter;
import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.checkpoint.Tensor;
import io.proofmint.protocol.commit.StepRecord;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.task.ModelDefinition;
import io.proofmint.worker.task.SegmentRunner;
import io.proofmint.worker.task.StateCheckpoints;
import io.proofmint.worker.task.StepListener;
import io.proofmint.worker.task.TrainingJob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A trainer that cheats as its {@link Cheat} says, writing a bundle in the same format and through
 * the same {@link BundleWriter} as {@link TrainingJob}: the bundle validates, only replays fail.
 */
public final class CheatingTrainer {

  private static final String STEP_TENSOR = "adam.step";

  private final ModelDefinition model;
  private final Examples data;
  private final CheckpointHasher hasher;

  public CheatingTrainer(ModelDefinition model, Examples data, CheckpointHasher hasher) {
    this.model = model;
    this.data = data;
    this.hasher = hasher;
  }

  /** Writes the cheating bundle of the task {@code binding} names into {@code bundleDir}. */
  public TrainingJob.Result run(
      TrainingEngine engine,
      TaskBinding binding,
      Checkpoint parent,
      long steps,
      int segmentLength,
      Path bundleDir,
      Cheat cheat)
      throws IOException {
    Hash32 specHash = model.specHash();
    BundleHeader header = model.bundleHeader(binding, engine.profile(), steps, segmentLength);
    BundleWriter writer = BundleWriter.open(bundleDir, header, hasher);
    Hash32 parentHash = writer.start(parent);
    BatchDeriver batches = deriver(TaskSeed.of(binding, parentHash));
    StateCheckpoints.restore(engine, parent, specHash);
    SplittableRandom random = new SplittableRandom(seedOf(cheat));
    Checkpoint current = parent;
    for (int segment = 0; segment < header.segments(); segment++) {
      long first = (long) segment * segmentLength;
      Forged forged =
          switch (cheat) {
            case Cheat.RandomWeights r ->
                randomWeights(current, batches, first, segmentLength, random);
            case Cheat.OtherData o ->
                otherData(engine, deriver(o.otherTaskSeed()), batches, first, segmentLength);
            case Cheat.FakeSegments f ->
                f.forges(segment)
                    ? extrapolated(engine, current, batches, first, segmentLength)
                    : honest(engine, batches, first, segmentLength);
          };
      writer.completeSegment(forged.records(), forged.end());
      current = forged.end();
    }
    BundleManifest manifest = writer.finish();
    return new TrainingJob.Result(manifest, bundleDir, writer.records());
  }

  private record Forged(List<StepRecord> records, Checkpoint end) {}

  private Forged honest(TrainingEngine engine, BatchDeriver batches, long first, int k) {
    List<StepRecord> records =
        new SegmentRunner(engine, data, batches).run(first, k, StepListener.NONE);
    return new Forged(records, StateCheckpoints.capture(engine, model.specHash()));
  }

  private Forged randomWeights(
      Checkpoint start, BatchDeriver batches, long first, int k, SplittableRandom random) {
    List<Tensor> tensors = new ArrayList<>();
    for (Tensor t : start.tensors()) {
      float[] values = new float[t.elementCount()];
      if (t.name().equals(STEP_TENSOR)) {
        values[0] = start.step() + k;
      } else if (!t.name().startsWith("adam.")) {
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) (random.nextDouble(-1, 1) * 0.17); // sd ~0.1
        }
      }
      tensors.add(Tensor.of(t.name(), t.shape(), values));
    }
    List<StepRecord> records = new ArrayList<>(k);
    float chance = (float) Math.log(model.spec().classCount());
    for (long t = first; t < first + k; t++) {
      records.add(
          StepRecord.of(t, batches.batchHash(t), chance * (float) random.nextDouble(0.5, 1.0)));
    }
    return new Forged(records, Checkpoint.of(start.step() + k, model.specHash(), tensors));
  }

  private Forged otherData(
      TrainingEngine engine, BatchDeriver other, BatchDeriver derived, long first, int k) {
    List<StepRecord> records = new ArrayList<>(k);
    for (long t = first; t < first + k; t++) {
      long[] indices = other.indices(t);
      int[] rows = new int[indices.length];
      for (int j = 0; j < rows.length; j++) {
        rows[j] = Math.toIntExact(indices[j]);
      }
      float loss = engine.step(data, rows);
      records.add(StepRecord.of(t, derived.batchHash(t), loss));
    }
    return new Forged(records, StateCheckpoints.capture(engine, model.specHash()));
  }

  private Forged extrapolated(
      TrainingEngine engine, Checkpoint start, BatchDeriver batches, long first, int k) {
    List<StepRecord> one =
        new SegmentRunner(engine, data, batches).run(first, 1, StepListener.NONE);
    Checkpoint afterOne = StateCheckpoints.capture(engine, model.specHash());
    List<Tensor> tensors = new ArrayList<>();
    for (int p = 0; p < afterOne.tensors().size(); p++) {
      Tensor a = start.tensors().get(p);
      Tensor b = afterOne.tensors().get(p);
      float[] values = b.data().clone();
      if (b.name().equals(STEP_TENSOR)) {
        values[0] = start.step() + k;
      } else if (!b.name().startsWith("adam.")) {
        float[] from = a.data();
        for (int i = 0; i < values.length; i++) {
          values[i] = from[i] + k * (values[i] - from[i]);
        }
      }
      tensors.add(Tensor.of(b.name(), b.shape(), values));
    }
    Checkpoint end = Checkpoint.of(start.step() + k, model.specHash(), tensors);
    StateCheckpoints.restore(engine, end, model.specHash());
    List<StepRecord> records = new ArrayList<>(k);
    for (long t = first; t < first + k; t++) {
      records.add(new StepRecord(t, batches.batchHash(t), one.get(0).lossBits()));
    }
    return new Forged(records, end);
  }

  private BatchDeriver deriver(Hash32 taskSeed) {
    return BatchDeriver.of(taskSeed, model.datasetRoot(), data.size(), model.spec().batchSize());
  }

  private static long seedOf(Cheat cheat) {
    return cheat instanceof Cheat.RandomWeights r ? r.seed() : 1;
  }
}
