package io.proofmint.worker.bench;

import io.proofmint.protocol.batch.BatchDeriver;
import io.proofmint.protocol.batch.TaskSeed;
import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.worker.data.SyntheticTask;
import io.proofmint.worker.engine.AdamConfig;
import io.proofmint.worker.engine.MlpSpec;
import io.proofmint.worker.engine.ReproducibilityProfile;
import io.proofmint.worker.engine.RuntimeFacts;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.engine.VerificationMode;
import io.proofmint.worker.engine.WorkerPool;
import io.proofmint.worker.task.ModelDefinition;
import io.proofmint.worker.task.SegmentRunner;
import io.proofmint.worker.task.StateCheckpoints;
import io.proofmint.worker.task.StepListener;
import io.proofmint.worker.task.TrainingJob;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;

/**
 * The cost of recording a proof: the same steps on the same derived batches, once plainly and once
 * through {@link TrainingJob} (a checkpoint encoded, hashed and written every k steps, plus the
 * per-step records). Runs alternate, a plain run then a proof run, and repeat. Two estimates: the
 * fastest proof run against the fastest plain run, and the median over the repeats of each proof
 * run against the plain run just before it. On a shared VM, where a run's speed drifts by tens of
 * percent from minute to minute, the median of pairs is the steadier of the two.
 *
 * <p>Usage: {@code ProofOverheadBenchmark [layers=784,256,256,10] [batch=128] [steps=200] [k=10]
 * [threads=1,2] [repeats=9]}
 */
public final class ProofOverheadBenchmark {

  private ProofOverheadBenchmark() {}

  /** What to measure: the model, the task, and how often. */
  public record Settings(int[] layers, int batch, int steps, int k, int[] threads, int repeats) {
    public Settings {
      if (layers.length < 2 || Arrays.stream(layers).anyMatch(n -> n <= 0)) {
        throw new IllegalArgumentException(
            "layers: expected at least two positive sizes, got " + Arrays.toString(layers));
      }
      if (batch <= 0 || steps <= 0 || k <= 0 || steps % k != 0) {
        throw new IllegalArgumentException(
            "batch %d, steps %d, k %d: expected positive numbers with k dividing steps"
                .formatted(batch, steps, k));
      }
      if (threads.length == 0 || Arrays.stream(threads).anyMatch(n -> n <= 0)) {
        throw new IllegalArgumentException(
            "threads: expected positive counts, got " + Arrays.toString(threads));
      }
      if (repeats < 1) {
        throw new IllegalArgumentException("repeats: expected at least 1, got " + repeats);
      }
      layers = layers.clone();
      threads = threads.clone();
    }

    /** Bytes of the full state, parameters and both Adam moments. */
    public long stateBytes() {
      return MlpSpec.of(batch, AdamConfig.defaults(), layers).parameterCount() * 3 * 4;
    }
  }

  /**
   * One thread count's result: the fastest plain and proof runs, the overhead between them, and the
   * median over the repeats of each proof run against the plain run just before it.
   */
  public record Row(
      int threads,
      double plainSeconds,
      double proofSeconds,
      double overheadFastest,
      double overheadMedian) {}

  public static void main(String[] args) throws Exception {
    Settings settings =
        new Settings(
            ints(arg(args, 0, "784,256,256,10")),
            Integer.parseInt(arg(args, 1, "128")),
            Integer.parseInt(arg(args, 2, "200")),
            Integer.parseInt(arg(args, 3, "10")),
            ints(arg(args, 4, "1,2")),
            Integer.parseInt(arg(args, 5, "9")));
    System.out.printf(
        "model %s, batch %d, %d steps, k = %d, state %.1f MB%n",
        Arrays.toString(settings.layers()),
        settings.batch(),
        settings.steps(),
        settings.k(),
        settings.stateBytes() / 1e6);
    System.out.println("threads  plain s  proof s  overhead (fastest)  overhead (median pair)");
    for (int t : settings.threads()) {
      Row row = measure(settings, t);
      System.out.printf(
          "%7d  %7.3f  %7.3f  %+18.1f%%  %+20.1f%%%n",
          t,
          row.plainSeconds(),
          row.proofSeconds(),
          100 * row.overheadFastest(),
          100 * row.overheadMedian());
    }
  }

  /** Runs the plain and proof runs of {@code settings} alternately on {@code threads} threads. */
  public static Row measure(Settings settings, int threads) throws IOException {
    int[] layers = settings.layers();
    int batch = settings.batch();
    int repeats = settings.repeats();
    Examples data = SyntheticTask.gaussianClusters(1, 4096, layers[0], layers[layers.length - 1]);
    ModelDefinition model =
        new ModelDefinition(
            "overhead-bench",
            MlpSpec.of(batch, AdamConfig.defaults(), layers),
            ReproducibilityProfile.of(RuntimeFacts.probe()),
            VerificationMode.EXACT,
            1,
            Keccak.hashUtf8("bench dataset"));
    TaskBinding binding =
        TaskBinding.of(
            31337,
            Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
            BigInteger.ONE,
            Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"));
    CheckpointHasher hasher = CheckpointHasher.sequential();
    double plain = Double.MAX_VALUE;
    double proof = Double.MAX_VALUE;
    double[] pairOverhead = new double[repeats];
    try (WorkerPool pool = WorkerPool.create(threads);
        TrainingEngine engine = TrainingEngine.open(model.spec(), model.profile(), pool)) {
      Checkpoint parent = StateCheckpoints.initial(engine, model);
      Hash32 parentHash = hasher.hash(parent);
      BatchDeriver batches =
          BatchDeriver.of(
              TaskSeed.of(binding, parentHash), model.datasetRoot(), data.size(), batch);
      StateCheckpoints.restore(engine, parent, model.specHash());
      new SegmentRunner(engine, data, batches).run(0, 30, StepListener.NONE); // warm-up
      for (int r = 0; r < repeats; r++) {
        StateCheckpoints.restore(engine, parent, model.specHash());
        long start = System.nanoTime();
        new SegmentRunner(engine, data, batches).run(0, settings.steps(), StepListener.NONE);
        double plainRun = (System.nanoTime() - start) / 1e9;
        plain = Math.min(plain, plainRun);

        Path dir = Files.createTempDirectory("proof-overhead");
        try {
          start = System.nanoTime();
          new TrainingJob(model, data, hasher)
              .run(
                  engine,
                  binding,
                  parent,
                  settings.steps(),
                  settings.k(),
                  dir.resolve("bundle"),
                  StepListener.NONE);
          double proofRun = (System.nanoTime() - start) / 1e9;
          proof = Math.min(proof, proofRun);
          pairOverhead[r] = proofRun / plainRun - 1;
        } finally {
          deleteTree(dir);
        }
      }
    }
    Arrays.sort(pairOverhead);
    return new Row(threads, plain, proof, proof / plain - 1, pairOverhead[repeats / 2]);
  }

  private static String arg(String[] args, int i, String fallback) {
    return args.length > i ? args[i] : fallback;
  }

  private static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
