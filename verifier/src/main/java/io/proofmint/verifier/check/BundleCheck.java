package io.proofmint.verifier.check;

import io.proofmint.protocol.bundle.BundleReader;
import io.proofmint.protocol.bundle.BundleValidation;
import io.proofmint.protocol.bundle.ProofBundle;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.verifier.replay.ReplayEngines;
import io.proofmint.verifier.replay.ReplayPolicy;
import io.proofmint.verifier.replay.SegmentReplay;
import io.proofmint.verifier.replay.SegmentReplayer;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.engine.WorkerPool;
import io.proofmint.worker.task.ModelDefinition;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The offline check behind {@code proofmint verifier check BUNDLE}: validates a bundle directory
 * (only the checkpoints of the selected segments for a sampled or explicit selection; all of them
 * otherwise), then replays each selected segment. Nothing touches a chain.
 */
public final class BundleCheck {

  private final BundleReader reader;
  private final SegmentReplayer replayer;

  public BundleCheck(CheckpointHasher hasher, SegmentReplayer replayer) {
    this.reader = new BundleReader(hasher);
    this.replayer = replayer;
  }

  /**
   * Checks {@code bundleDir}.
   *
   * @param listener told about each row as it is done (for progress output)
   */
  public CheckReport check(Path bundleDir, SegmentSelection selection, RowListener listener)
      throws IOException {
    BundleValidation manifestOnly = reader.validateSegments(bundleDir, java.util.Set.of());
    if (!manifestOnly.isValid()) {
      return new CheckReport(bundleDir, manifestOnly, replayer.policy(), List.of());
    }
    ProofBundle light = manifestOnly.bundle();
    List<Integer> segments = selection.resolve(light.root(), light.segments());
    BundleValidation validation =
        selection instanceof SegmentSelection.All
            ? reader.validate(bundleDir)
            : reader.validateSegments(bundleDir, new HashSet<>(segments));
    if (!validation.isValid()) {
      return new CheckReport(bundleDir, validation, replayer.policy(), List.of());
    }
    ProofBundle bundle = validation.bundle();
    List<SegmentReplay> rows = new ArrayList<>(segments.size());
    for (int segment : segments) {
      SegmentReplay row = replayer.replay(bundle, segment);
      rows.add(row);
      listener.rowDone(row);
    }
    return new CheckReport(bundleDir, validation, replayer.policy(), rows);
  }

  /**
   * The whole offline check in one call, as {@code proofmint verifier check} runs it: opens a
   * worker pool of {@code threads} and the replay engine ({@link ReplayEngines}), checks, and
   * closes both.
   */
  public static CheckReport run(
      ModelDefinition model,
      Examples data,
      ReplayPolicy policy,
      int threads,
      Path bundleDir,
      SegmentSelection selection,
      RowListener listener)
      throws IOException {
    CheckpointHasher hasher = CheckpointHasher.sequential();
    try (WorkerPool workers = WorkerPool.create(threads);
        TrainingEngine engine = ReplayEngines.open(model, policy, workers)) {
      return new BundleCheck(hasher, new SegmentReplayer(model, data, engine, hasher, policy))
          .check(bundleDir, selection, listener);
    }
  }

  public CheckReport check(Path bundleDir, SegmentSelection selection) throws IOException {
    return check(bundleDir, selection, row -> {});
  }

  /** Told about each replayed segment. */
  @FunctionalInterface
  public interface RowListener {
    void rowDone(SegmentReplay row);
  }
}
