package io.proofmint.worker.task;

import io.proofmint.protocol.batch.BatchDeriver;
import io.proofmint.protocol.commit.StepRecord;
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.worker.engine.TrainingEngine;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs consecutive training steps on derived batches and records each one. The worker trains with
 * it and the verifier replays with it: one function, so a replay is the very same computation.
 */
public final class SegmentRunner {

  private final TrainingEngine engine;
  private final Examples data;
  private final BatchDeriver batches;

  public SegmentRunner(TrainingEngine engine, Examples data, BatchDeriver batches) {
    if (batches.totalExamples() != data.size()) {
      throw new IllegalArgumentException(
          "batch derivation is over "
              + batches.totalExamples()
              + " examples but the loaded dataset has "
              + data.size());
    }
    this.engine = engine;
    this.data = data;
    this.batches = batches;
  }

  /** Trains task steps {@code first .. first + count - 1}; returns their records in order. */
  public List<StepRecord> run(long first, int count, StepListener listener) {
    List<StepRecord> records = new ArrayList<>(count);
    for (long t = first; t < first + count; t++) {
      long[] derived = batches.indices(t);
      int[] indices = new int[derived.length];
      for (int i = 0; i < derived.length; i++) {
        indices[i] = Math.toIntExact(derived[i]);
      }
      float loss = engine.step(data, indices);
      records.add(StepRecord.of(t, batches.batchHash(t, derived), loss));
      listener.stepDone(t, loss);
    }
    return records;
  }
}
