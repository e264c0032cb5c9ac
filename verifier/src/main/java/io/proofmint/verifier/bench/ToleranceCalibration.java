package io.proofmint.verifier.bench;

import io.proofmint.protocol.bundle.BundleReader;
import io.proofmint.protocol.bundle.ProofBundle;
import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.verifier.adversary.Cheat;
import io.proofmint.verifier.adversary.CheatingTrainer;
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
import io.proofmint.worker.task.StateCheckpoints;
import io.proofmint.worker.task.StepListener;
import io.proofmint.worker.task.TrainingJob;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures tolerant-mode distances ({@link io.proofmint.verifier.replay.StateDistance}) of honest
 * replays under other profiles and of each attack, and derives a default threshold from them.
 *
 * <p>The trainer runs under this process's OpenBLAS core, row blocks of 8, on 2 threads. Honest
 * replays run under row blocks 8, 16, 32 of the same core on 1 and 2 threads (another decomposition
 * of the same sums), under the portable profile (one fma chain per element: other arithmetic on
 * every CPU), and under each other OpenBLAS core this CPU runs, each in a JVM of its own with its
 * own {@code OPENBLAS_CORETYPE} ({@link ForeignCoreReplays}): real other kernels. Attacks: random
 * weights, other data, one step extrapolated over k (the faked segments of attack (c)). Every
 * segment of each bundle is replayed.
 *
 * <pre>
 * args: [steps=200] [k=10] [layers=32,24,4] [batch=64] [examples=2000]
 * </pre>
 */
public final class ToleranceCalibration {

  /** The threshold is the largest honest distance times this, rounded up to 1, 2 or 5 x 10^n. */
  public static final double HONEST_MARGIN = 100;

  private ToleranceCalibration() {}

  /** One measured distribution. */
  public record Row(String scenario, String profile, int threads, double[] distances) {
    double min() {
      return Arrays.stream(distances).min().orElse(Double.NaN);
    }

    double median() {
      double[] sorted = distances.clone();
      Arrays.sort(sorted);
      return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
    }

    double max() {
      return Arrays.stream(distances).max().orElse(Double.NaN);
    }
  }

  public static void main(String[] args) throws IOException {
    long steps = args.length > 0 ? Long.parseLong(args[0]) : 200;
    int k = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int[] layers =
        Arrays.stream((args.length > 2 ? args[2] : "32,24,4").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 64;
    int examples = args.length > 4 ? Integer.parseInt(args[4]) : 2000;
    run(steps, k, layers, batch, examples, System.out);
  }

  /** The calibration's data set: synthetic clusters, the same in every process. */
  static Examples data(int[] layers, int examples) {
    return SyntheticTask.gaussianClusters(5, examples, layers[0], layers[layers.length - 1]);
  }

  /** The calibration's tolerant model, trained under {@code profile}. */
  static ModelDefinition model(int[] layers, int batch, ReproducibilityProfile profile) {
    return new ModelDefinition(
        "calibration",
        MlpSpec.of(batch, AdamConfig.withLearningRate(1e-2f), layers),
        profile,
        VerificationMode.TOLERANT,
        7,
        Keccak.hashUtf8("calibration dataset"));
  }

  public static List<Row> run(
      long steps, int k, int[] layers, int batch, int examples, PrintStream out)
      throws IOException {
    Examples data = data(layers, examples);
    RuntimeFacts facts = RuntimeFacts.probe();
    ModelDefinition model = model(layers, batch, ReproducibilityProfile.of(facts, 8, 16));
    TaskBinding binding =
        TaskBinding.of(
            31337,
            Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
            BigInteger.ONE,
            Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8"));
    CheckpointHasher hasher = CheckpointHasher.sequential();
    Path dir = Files.createTempDirectory("proofmint-calibration");
    List<Row> rows = new ArrayList<>();
    try (WorkerPool two = WorkerPool.create(2);
        WorkerPool one = WorkerPool.singleThreaded()) {
      ProofBundle honest;
      Path honestDir;
      List<ProofBundle> attacks = new ArrayList<>();
      List<String> attackNames = new ArrayList<>();
      try (TrainingEngine engine = TrainingEngine.open(model.spec(), model.profile(), two)) {
        Checkpoint parent = StateCheckpoints.initial(engine, model);
        TrainingJob.Result result =
            new TrainingJob(model, data, hasher)
                .run(engine, binding, parent, steps, k, dir.resolve("honest"), StepListener.NONE);
        honestDir = result.bundleDir();
        honest = read(hasher, honestDir);
        CheatingTrainer cheater = new CheatingTrainer(model, data, hasher);
        Cheat[] cheats = {
          new Cheat.RandomWeights(11),
          new Cheat.OtherData(Keccak.hashUtf8("other data")),
          Cheat.FakeSegments.everyNth((int) (steps / k), 1, 0)
        };
        String[] names = {"attack: random weights", "attack: other data", "attack: 1 step x k"};
        for (int c = 0; c < cheats.length; c++) {
          Path bundleDir = dir.resolve("attack-" + c);
          cheater.run(engine, binding, parent, steps, k, bundleDir, cheats[c]);
          attacks.add(read(hasher, bundleDir));
          attackNames.add(names[c]);
        }
      }
      ReplayPolicy measure = ReplayPolicy.tolerant(1.0);
      for (int rowBlock : new int[] {8, 16, 32}) {
        for (WorkerPool pool : List.of(one, two)) {
          ReproducibilityProfile profile = ReproducibilityProfile.of(facts, rowBlock, 16);
          rows.add(
              new Row(
                  "honest",
                  "rowBlock=" + rowBlock,
                  pool.threads(),
                  distances(model, data, hasher, profile, pool, measure, honest)));
        }
      }
      rows.add(
          new Row(
              "honest",
              "portable (fma chains)",
              1,
              distances(
                  model, data, hasher, ReproducibilityProfile.portable(), one, measure, honest)));
      rows.addAll(
          ForeignCoreReplays.measure(
              facts.blasCoreType(),
              honestDir,
              model,
              new ForeignCoreReplays.Setup(layers, batch, examples),
              out));
      for (int a = 0; a < attacks.size(); a++) {
        rows.add(
            new Row(
                attackNames.get(a),
                "rowBlock=8",
                1,
                distances(model, data, hasher, model.profile(), one, measure, attacks.get(a))));
      }
    }
    print(rows, steps, k, layers, batch, out);
    return rows;
  }

  /**
   * The recommended threshold: {@link #HONEST_MARGIN} x the largest honest distance, rounded up.
   */
  public static double recommend(List<Row> rows) {
    double honestMax =
        rows.stream()
            .filter(r -> r.scenario().equals("honest"))
            .mapToDouble(Row::max)
            .max()
            .orElseThrow();
    return roundUp125(Math.max(honestMax, 1e-6) * HONEST_MARGIN);
  }

  static double roundUp125(double x) {
    double decade = Math.pow(10, Math.floor(Math.log10(x)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * decade >= x * (1 - 1e-12)) {
        return m * decade;
      }
    }
    return 10 * decade;
  }

  private static double[] distances(
      ModelDefinition model,
      Examples data,
      CheckpointHasher hasher,
      ReproducibilityProfile profile,
      WorkerPool pool,
      ReplayPolicy policy,
      ProofBundle bundle) {
    try (TrainingEngine engine = TrainingEngine.open(model.spec(), profile, pool)) {
      SegmentReplayer replayer = new SegmentReplayer(model, data, engine, hasher, policy);
      double[] out = new double[bundle.segments()];
      for (int i = 0; i < out.length; i++) {
        SegmentReplay r = replayer.replay(bundle, i);
        out[i] = r.distanceIfComputed().orElse(Double.POSITIVE_INFINITY);
      }
      return out;
    }
  }

  private static ProofBundle read(CheckpointHasher hasher, Path dir) throws IOException {
    return new BundleReader(hasher).validate(dir).validBundle().orElseThrow();
  }

  private static void print(
      List<Row> rows, long steps, int k, int[] layers, int batch, PrintStream out) {
    out.printf(
        Locale.ROOT,
        "model mlp %s, batch %d, %d steps, k = %d; trainer rowBlock=8 on 2 threads%n",
        Arrays.toString(layers),
        batch,
        steps,
        k);
    out.printf(
        Locale.ROOT,
        "%-24s %-12s %7s %9s %11s %11s %11s%n",
        "scenario",
        "profile",
        "threads",
        "segments",
        "min",
        "median",
        "max");
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          "%-24s %-12s %7d %9d %11.3e %11.3e %11.3e%n",
          r.scenario(),
          r.profile(),
          r.threads(),
          r.distances().length,
          r.min(),
          r.median(),
          r.max());
    }
    double threshold = recommend(rows);
    double attackMin =
        rows.stream()
            .filter(r -> !r.scenario().equals("honest"))
            .mapToDouble(Row::min)
            .min()
            .orElseThrow();
    out.printf(
        Locale.ROOT,
        "recommended threshold %.0e (toleranceMicros %d): %.0fx the largest honest distance,"
            + " %.1fx below the smallest attack distance%n",
        threshold,
        Math.round(threshold * 1e6),
        HONEST_MARGIN,
        attackMin / threshold);
  }
}
