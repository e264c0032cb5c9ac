package io.proofmint.worker.task;

import io.proofmint.protocol.batch.BatchDeriver;
import io.proofmint.protocol.batch.TaskSeed;
import io.proofmint.protocol.bundle.BundleHeader;
import io.proofmint.protocol.bundle.BundleManifest;
import io.proofmint.protocol.bundle.BundleReader;
import io.proofmint.protocol.bundle.BundleValidation;
import io.proofmint.protocol.bundle.BundleWriter;
import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.CheckpointFiles;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.commit.StepRecord;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.worker.engine.NamedTensor;
import io.proofmint.worker.engine.TrainingEngine;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one task into a proof bundle: N steps from the parent checkpoint on batches derived from
 * the task seed, a checkpoint every k steps. Restartable: a bundle directory that holds completed
 * segments is continued from its last checkpoint, and a finished one is returned as it is.
 */
public final class TrainingJob {

  private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);

  /** What a finished job produced. */
  public record Result(BundleManifest manifest, Path bundleDir, List<StepRecord> records) {}

  private static void awaitWrite(Future<?> write) throws IOException {
    if (write == null) {
      return;
    }
    try {
      write.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing a checkpoint", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("checkpoint write failed: " + e.getCause(), e.getCause());
    }
  }

  /**
   * Whether the training threads hash each checkpoint themselves, between segments, rather than the
   * background writer beside them. With a core that no training thread uses, the writer hashes
   * there and training does not wait. When every core trains, a writer hashing beside them takes a
   * core from one training thread in the middle of a step while the others wait for it at the
   * step's end; hashing on all training threads between segments costs the same CPU without that
   * stall (docs/benchmarks.md, "Proof recording overhead").
   */
  static boolean hashesOnTrainingThreads(int trainingThreads, int cores) {
    return trainingThreads >= cores;
  }

  private final ModelDefinition model;
  private final Examples data;
  private final CheckpointHasher hasher;
  private final Boolean hashOnTrainingThreads; // null: decide by the core count

  public TrainingJob(ModelDefinition model, Examples data, CheckpointHasher hasher) {
    this(model, data, hasher, null);
  }

  private TrainingJob(
      ModelDefinition model, Examples data, CheckpointHasher hasher, Boolean hashOnTraining) {
    this.model = model;
    this.data = data;
    this.hasher = hasher;
    this.hashOnTrainingThreads = hashOnTraining;
  }

  /** This job with the place checkpoints are hashed fixed instead of chosen by core count. */
  TrainingJob hashingOnTrainingThreads(boolean onTrainingThreads) {
    return new TrainingJob(model, data, hasher, onTrainingThreads);
  }

  /**
   * Runs (or resumes) the task.
   *
   * @param parent the checkpoint the task starts from; its hash must be the task's parent
   */
  public Result run(
      TrainingEngine engine,
      TaskBinding binding,
      Checkpoint parent,
      long steps,
      int segmentLength,
      Path bundleDir,
      StepListener listener)
      throws IOException {
    Hash32 specHash = model.specHash();
    BundleHeader header = model.bundleHeader(binding, engine.profile(), steps, segmentLength);
    BundleWriter writer = BundleWriter.open(bundleDir, header, hasher);
    if (writer.isFinished()) {
      LOG.info("bundle {} is complete; nothing to train", bundleDir);
      BundleValidation finished = new BundleReader(hasher).validate(bundleDir);
      if (!finished.isValid()) {
        throw new IOException("finished bundle " + bundleDir + " does not validate: " + finished);
      }
      return new Result(writer.finish(), bundleDir, finished.bundle().records());
    }
    Hash32 parentHash = writer.start(parent);
    int done = writer.segmentsDone();
    if (done == 0) {
      StateCheckpoints.restore(engine, parent, specHash);
    } else {
      Hash32 last = writer.lastCheckpoint();
      LOG.info(
          "resuming {} after {} of {} segments from {}", bundleDir, done, header.segments(), last);
      StateCheckpoints.restore(
          engine,
          CheckpointFiles.readVerified(writer.checkpointPath(last), last, hasher),
          specHash);
    }
    BatchDeriver batches =
        BatchDeriver.of(
            TaskSeed.of(binding, parentHash),
            model.datasetRoot(),
            data.size(),
            model.spec().batchSize());
    SegmentRunner runner = new SegmentRunner(engine, data, batches);
    int threads = engine.workers().threads();
    boolean hashOnTraining =
        hashOnTrainingThreads != null
            ? hashOnTrainingThreads
            : hashesOnTrainingThreads(threads, Runtime.getRuntime().availableProcessors());
    LOG.info(
        "checkpoints every {} steps, hashed {}",
        segmentLength,
        hashOnTraining
            ? "on the " + threads + " training thread(s) between segments"
            : "on a background thread beside training");
    // Checkpoints are encoded, (hashed) and written on one background thread while the next
    // segment trains; at most one is in flight, and the writer is only used by one thread at a
    // time.
    ExecutorService background =
        Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().daemon().name("checkpoint-writer").unstarted(r));
    // The state is captured into one set of arrays, reused for every checkpoint: the next capture
    // starts only once the previous checkpoint is written. Hashed on the training threads, it is
    // copied out and hashed there between segments; hashed beside training, the background thread
    // copies it out while the next segment's first forward and backward pass run.
    List<NamedTensor> buffers = StateCheckpoints.stateBuffers(engine);
    Future<?> inFlight = null;
    try {
      for (int segment = done; segment < header.segments(); segment++) {
        List<StepRecord> records =
            runner.run((long) segment * segmentLength, segmentLength, listener);
        awaitWrite(inFlight);
        if (hashOnTraining) {
          Checkpoint end = StateCheckpoints.captureInto(engine, specHash, buffers);
          Hash32 endHash = hasher.hash(end, engine.workers()::forEach);
          inFlight = background.submit(() -> writer.completeSegment(records, end, endHash));
        } else {
          StateCheckpoints.PendingCapture end =
              StateCheckpoints.captureLater(engine, specHash, buffers, background);
          inFlight =
              background.submit(
                  () -> {
                    end.copied().join();
                    return writer.completeSegment(records, end.checkpoint());
                  });
        }
      }
      awaitWrite(inFlight);
      inFlight = null;
    } finally {
      // On failure, let a write already under way finish, so a restart finds a complete segment.
      if (inFlight != null) {
        try {
          inFlight.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
          LOG.warn(
              "checkpoint write failed while the job was failing: {}", e.getCause().toString());
        }
      }
      background.shutdown();
    }
    BundleManifest manifest = writer.finish();
    LOG.info("bundle {} finished: root {}", bundleDir, manifest.root());
    return new Result(manifest, bundleDir, writer.records());
  }
}
