package io.proofmint.verifier.bench;

import io.proofmint.protocol.batch.BatchDeriver;
import io.proofmint.protocol.batch.TaskSeed;
import io.proofmint.protocol.bundle.BundleReader;
import io.proofmint.protocol.bundle.ProofBundle;
import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.verifier.replay.ReplayPolicy;
import io.proofmint.verifier.replay.SegmentReplay;
import io.proofmint.verifier.replay.SegmentReplayer;
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
import java.util.Locale;

/**
 * Training speed against replay speed on the same model, engine and thread count. Training is
 * {@code TrainingJob} writing a bundle (checkpoints written, hashed and forced to disk); replay is
 * {@code SegmentReplayer} over every segment of that bundle (checkpoints read, hashed, restored and
 * the end state hashed); "steps alone" is {@code SegmentRunner} over all steps with no checkpoint,
 * the step function both share. After one warm-up run, the best of {@code runs} is reported.
 *
 * <pre>args: [steps=400] [k=20] [layers=784,256,10] [batch=64] [threads=2] [runs=3]</pre>
 */
public final class ReplayBenchmark {

  private ReplayBenchmark() {}

  public static void main(String[] args) throws IOException {
    long steps = args.length > 0 ? Long.parseLong(args[0]) : 400;
    int k = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int[] layers =
        Arrays.stream((args.length > 2 ? args[2] : "784,256,10").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 64;
    int threads = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    int runs = args.length > 5 ? Integer.parseInt(args[5]) : 3;

    Examples data = SyntheticTask.gaussianClusters(5, 4096, layers[0], layers[layers.length - 1]);
    ModelDefinition model =
        new ModelDefinition(
            "replay-bench",
            MlpSpec.of(batch, AdamConfig.withLearningRate(1e-3f), layers),
            ReproducibilityProfile.of(RuntimeFacts.probe()),
            VerificationMode.EXACT,
            7,
            Keccak.hashUtf8("replay bench dataset"));
    TaskBinding binding =
        TaskBinding.of(
            31337,
            Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
            BigInteger.ONE,
            Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"));
    CheckpointHasher hasher = CheckpointHasher.sequential();
    Path dir = Files.createTempDirectory("proofmint-replay-bench");
    double bestTrain = 0;
    double bestReplay = 0;
    double bestSteps = 0;
    int mismatches = 0;
    try (WorkerPool workers = WorkerPool.create(threads);
        TrainingEngine engine = TrainingEngine.open(model.spec(), model.profile(), workers)) {
      SegmentReplayer replayer =
          new SegmentReplayer(model, data, engine, hasher, ReplayPolicy.exact());
      for (int run = 0; run <= runs; run++) { // run 0 warms up
        Checkpoint parent = StateCheckpoints.initial(engine, model);
        Path bundleDir = dir.resolve("run-" + run);
        long t0 = System.nanoTime();
        new TrainingJob(model, data, hasher)
            .run(engine, binding, parent, steps, k, bundleDir, StepListener.NONE);
        long t1 = System.nanoTime();
        ProofBundle bundle =
            new BundleReader(hasher).validate(bundleDir).validBundle().orElseThrow();
        long t2 = System.nanoTime();
        for (int s = 0; s < bundle.segments(); s++) {
          SegmentReplay r = replayer.replay(bundle, s);
          if (!r.passes()) {
            mismatches++;
          }
        }
        long t3 = System.nanoTime();
        StateCheckpoints.restore(engine, parent, model.specHash());
        BatchDeriver batches =
            BatchDeriver.of(
                TaskSeed.of(binding, bundle.checkpointHash(0)),
                model.datasetRoot(),
                data.size(),
                batch);
        new SegmentRunner(engine, data, batches).run(0, (int) steps, StepListener.NONE);
        long t4 = System.nanoTime();
        double train = steps / ((t1 - t0) / 1e9);
        double replay = steps / ((t3 - t2) / 1e9);
        double bare = steps / ((t4 - t3) / 1e9);
        System.out.printf(
            Locale.ROOT,
            "%s: train %.1f steps/s, replay %.1f steps/s (ratio %.3f), steps alone %.1f steps/s%n",
            run == 0 ? "warm-up" : "run " + run,
            train,
            replay,
            replay / train,
            bare);
        if (run > 0) {
          bestTrain = Math.max(bestTrain, train);
          bestReplay = Math.max(bestReplay, replay);
          bestSteps = Math.max(bestSteps, bare);
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "model mlp %s batch %d, %d steps, k = %d, %d thread(s): best train %.1f steps/s, best replay"
            + " %.1f steps/s, replay/train %.3f, SegmentRunner alone %.1f steps/s; %d segment(s)"
            + " failed to replay%n",
        Arrays.toString(layers),
        batch,
        steps,
        k,
        threads,
        bestTrain,
        bestReplay,
        bestReplay / bestTrain,
        bestSteps,
        mismatches);
  }
}
