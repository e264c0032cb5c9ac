package io.proofmint.worker.bench;

import io.proofmint.protocol.dataset.Examples;
import io.proofmint.worker.data.SyntheticTask;
import io.proofmint.worker.engine.AdamConfig;
import io.proofmint.worker.engine.MlpSpec;
import io.proofmint.worker.engine.PortableProfile;
import io.proofmint.worker.engine.ReproducibilityProfile;
import io.proofmint.worker.engine.RuntimeFacts;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.engine.WorkerPool;
import io.proofmint.worker.random.SeededRandom;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Measures the engine's training step (steps/s, GFLOP/s counted from the matrix products), the
 * naive ND4J baseline, and the best sgemm rate ND4J's OpenBLAS reaches here, then prints a table
 * and one JSON object (last line). The data is the synthetic task with separation 0 (labels carry
 * no signal), so the loss and gradients keep their size for the whole run.
 *
 * <pre>
 * java -cp ... io.proofmint.worker.bench.TrainingBenchmark --layers 784,256,256,10 --batch 128
 *     --steps 300 --threads 1,2
 * </pre>
 */
public final class TrainingBenchmark {

  private static final long SEED = 20260101L;

  private TrainingBenchmark() {}

  public static void main(String[] args) {
    BenchmarkOptions options;
    try {
      options = BenchmarkOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    run(options);
  }

  /**
   * Runs with {@link BenchmarkOptions} given as {@code --name value} pairs; returns the JSON object
   * it prints.
   *
   * @throws IllegalArgumentException for an unknown option, with the usage
   */
  public static Map<String, Object> run(String... args) {
    return run(BenchmarkOptions.parse(args));
  }

  static Map<String, Object> run(BenchmarkOptions o) {
    MlpSpec spec = new MlpSpec(o.layers(), o.batch(), AdamConfig.defaults());
    Examples data =
        SyntheticTask.gaussianClusters(SEED, 8192, spec.inputCount(), spec.classCount(), 0f, 1f);
    RuntimeFacts facts = RuntimeFacts.probe();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("machine", machine(facts));
    result.put("model", spec.canonical());
    result.put(
        "profile", ReproducibilityProfile.of(facts, o.rowBlock(), o.gradientTile()).canonical());
    result.put("parameters", spec.parameterCount());
    result.put("matmulFlopsPerStep", spec.matmulFlopsPerStep());
    result.put("steps", o.steps());
    result.put("warmup", o.warmup());
    List<String[]> table = new ArrayList<>();
    Map<String, Object> engine = new LinkedHashMap<>();
    for (int threads : o.threads()) {
      Rate rate = engineStepsPerSecond(spec, data, o, threads, facts);
      engine.put("threads" + threads, rate(rate, spec));
      table.add(row("engine, " + threads + " worker thread(s)", rate, spec));
    }
    result.put("engine", engine);
    if (o.portable()) {
      Map<String, Object> portable = new LinkedHashMap<>();
      Map<String, Object> ratio = new LinkedHashMap<>();
      for (int threads : o.threads()) {
        Rate rate = portableStepsPerSecond(spec, data, o, threads);
        portable.put("threads" + threads, rate(rate, spec));
        @SuppressWarnings("unchecked")
        Map<String, Object> blas = (Map<String, Object>) engine.get("threads" + threads);
        ratio.put(
            "threads" + threads,
            round(rate.stepsPerCpuSecond() / (Double) blas.get("stepsPerCpuSecond")));
        table.add(
            row(
                "portable (" + PortableProfile.kernelInUse() + "), " + threads + " thread(s)",
                rate,
                spec));
      }
      result.put("portableProfile", ReproducibilityProfile.portable().canonical());
      result.put("portableKernel", PortableProfile.kernelInUse());
      result.put("portable", portable);
      result.put("portableVsOpenBlasPerCpuSecond", ratio);
    }
    if (o.naive()) {
      Map<String, Object> naive = new LinkedHashMap<>();
      for (int threads : o.threads()) {
        Rate rate = naiveStepsPerSecond(spec, data, o, threads);
        naive.put("threads" + threads, rate(rate, spec));
        table.add(row("naive ND4J, " + threads + " BLAS thread(s)", rate, spec));
      }
      result.put("naive", naive);
    }
    if (o.sgemm()) {
      Map<String, Object> sgemm = new LinkedHashMap<>();
      double best = 0;
      for (int threads : o.threads()) {
        double gflops = sgemmGflops(o.sgemmSize(), threads);
        best = Math.max(best, gflops);
        sgemm.put("threads" + threads, round(gflops));
        table.add(
            new String[] {
              "sgemm " + o.sgemmSize() + "^3, " + threads + " thread(s)", "", fmt(gflops), ""
            });
      }
      result.put("sgemm", sgemm);
      Map<String, Object> utilization = new LinkedHashMap<>();
      for (int threads : o.threads()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) engine.get("threads" + threads);
        utilization.put("threads" + threads, round((Double) r.get("gflops") / best));
      }
      result.put("modelFlopUtilizationVsBestSgemm", utilization);
    }
    Nd4j.factory().blas().setMaxThreads(1);
    printTable(table);
    System.out.println(Json.write(result));
    return result;
  }

  /** Wall-clock and process-CPU rates of one timed run. */
  record Rate(double stepsPerSecond, double stepsPerCpuSecond) {}

  private static Rate engineStepsPerSecond(
      MlpSpec spec, Examples data, BenchmarkOptions o, int threads, RuntimeFacts facts) {
    ReproducibilityProfile profile =
        ReproducibilityProfile.of(facts, o.rowBlock(), o.gradientTile());
    try (WorkerPool pool = WorkerPool.create(threads);
        TrainingEngine step = TrainingEngine.open(spec, profile, pool).initialize(SEED)) {
      return stepsPerSecond(spec, data, o, indices -> step.step(data, indices));
    }
  }

  private static Rate portableStepsPerSecond(
      MlpSpec spec, Examples data, BenchmarkOptions o, int threads) {
    try (WorkerPool pool = WorkerPool.create(threads);
        TrainingEngine step =
            TrainingEngine.open(spec, ReproducibilityProfile.portable(), pool).initialize(SEED)) {
      return stepsPerSecond(spec, data, o, indices -> step.step(data, indices));
    }
  }

  private static Rate naiveStepsPerSecond(
      MlpSpec spec, Examples data, BenchmarkOptions o, int threads) {
    Nd4j.factory().blas().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    NaiveNd4jMlp naive = new NaiveNd4jMlp(spec, SEED);
    return stepsPerSecond(spec, data, o, indices -> naive.step(data, indices));
  }

  private static Rate stepsPerSecond(
      MlpSpec spec, Examples data, BenchmarkOptions o, ToDoubleFunction<int[]> step) {
    SeededRandom random = new SeededRandom(SEED);
    int[] indices = new int[spec.batchSize()];
    double lossSum = 0;
    for (int s = 0; s < o.warmup(); s++) {
      fill(indices, random, data.size());
      lossSum += step.applyAsDouble(indices);
    }
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    for (int s = 0; s < o.steps(); s++) {
      fill(indices, random, data.size());
      lossSum += step.applyAsDouble(indices);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
    if (!Double.isFinite(lossSum)) {
      throw new IllegalStateException("benchmark loss diverged: " + lossSum);
    }
    return new Rate(o.steps() / seconds, o.steps() / cpuSeconds);
  }

  /** CPU time of the whole process (all threads), or -1 where the JVM does not report it. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  private static void fill(int[] indices, SeededRandom random, int size) {
    for (int i = 0; i < indices.length; i++) {
      indices[i] = random.nextInt(size);
    }
  }

  /** Best of 5 timed rounds of {@code C = A B} on {@code n x n} float32 matrices. */
  static double sgemmGflops(int n, int threads) {
    Nd4j.factory().blas().setMaxThreads(threads);
    INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
    INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
    INDArray c = Nd4j.create(DataType.FLOAT, n, n);
    FloatPointer pa = (FloatPointer) a.data().addressPointer();
    FloatPointer pb = (FloatPointer) b.data().addressPointer();
    FloatPointer pc = (FloatPointer) c.data().addressPointer();
    int reps = Math.max(1, (int) (2e10 / (2.0 * n * n * n)));
    double best = 0;
    for (int round = 0; round < 6; round++) {
      long start = System.nanoTime();
      for (int r = 0; r < reps; r++) {
        openblas_nolapack.cblas_sgemm(
            openblas_nolapack.CblasRowMajor,
            openblas_nolapack.CblasNoTrans,
            openblas_nolapack.CblasNoTrans,
            n,
            n,
            n,
            1f,
            pa,
            n,
            pb,
            n,
            0f,
            pc,
            n);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (round > 0) {
        best = Math.max(best, 2.0 * n * n * n * reps / seconds / 1e9);
      }
    }
    Nd4j.factory().blas().setMaxThreads(1);
    return best;
  }

  private static Map<String, Object> rate(Rate rate, MlpSpec spec) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("stepsPerSecond", round(rate.stepsPerSecond()));
    r.put("gflops", round(rate.stepsPerSecond() * spec.matmulFlopsPerStep() / 1e9));
    r.put("stepsPerCpuSecond", round(rate.stepsPerCpuSecond()));
    return r;
  }

  private static Map<String, Object> machine(RuntimeFacts facts) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpu", CpuInfo.modelName());
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    m.put("backend", facts.backend());
    m.put("nd4j", facts.nd4jVersion());
    m.put("blas", facts.blasLibrary());
    m.put("blasCore", facts.blasCoreType());
    m.put(RuntimeFacts.CORETYPE_VARIABLE, facts.coreTypeEnvironment());
    m.put("loadAverage", CpuInfo.loadAverage());
    return m;
  }

  private static String[] row(String what, Rate rate, MlpSpec spec) {
    return new String[] {
      what,
      fmt(rate.stepsPerSecond()),
      fmt(rate.stepsPerSecond() * spec.matmulFlopsPerStep() / 1e9),
      fmt(rate.stepsPerCpuSecond())
    };
  }

  private static void printTable(List<String[]> rows) {
    System.out.printf("%-36s %10s %10s %14s%n", "run", "steps/s", "GFLOP/s", "steps/cpu-s");
    for (String[] r : rows) {
      System.out.printf("%-36s %10s %10s %14s%n", r[0], r[1], r[2], r[3]);
    }
  }

  private static String fmt(double value) {
    return String.format("%.1f", value);
  }

  private static double round(double value) {
    return Math.round(value * 100) / 100.0;
  }
}
