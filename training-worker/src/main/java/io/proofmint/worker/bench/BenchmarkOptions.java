package io.proofmint.worker.bench;

import java.util.Arrays;

/** Command-line options of {@link TrainingBenchmark}: {@code --name value} pairs. */
record BenchmarkOptions(
    int[] layers,
    int batch,
    int steps,
    int warmup,
    int[] threads,
    int rowBlock,
    int gradientTile,
    int sgemmSize,
    boolean naive,
    boolean sgemm,
    boolean portable) {

  static final String USAGE =
      """
      usage: TrainingBenchmark [--layers 784,256,256,10] [--batch 128] [--steps 300] [--warmup 50]
                               [--threads 1,2] [--row-block 64] [--gradient-tile 128]
                               [--sgemm-size 1024]
                               [--naive true|false] [--sgemm true|false] [--portable true|false]
      """;

  static BenchmarkOptions parse(String[] args) {
    int[] layers = {784, 256, 256, 10};
    int batch = 128;
    int steps = 300;
    int warmup = 50;
    int[] threads = {1, 2};
    int rowBlock = 64;
    int gradientTile = 128;
    int sgemmSize = 1024;
    boolean naive = true;
    boolean sgemm = true;
    boolean portable = true;
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("expected --name value pairs\n" + USAGE);
    }
    for (int i = 0; i < args.length; i += 2) {
      String value = args[i + 1];
      switch (args[i]) {
        case "--layers" -> layers = ints(value);
        case "--batch" -> batch = Integer.parseInt(value);
        case "--steps" -> steps = Integer.parseInt(value);
        case "--warmup" -> warmup = Integer.parseInt(value);
        case "--threads" -> threads = ints(value);
        case "--row-block" -> rowBlock = Integer.parseInt(value);
        case "--gradient-tile" -> gradientTile = Integer.parseInt(value);
        case "--sgemm-size" -> sgemmSize = Integer.parseInt(value);
        case "--naive" -> naive = Boolean.parseBoolean(value);
        case "--sgemm" -> sgemm = Boolean.parseBoolean(value);
        case "--portable" -> portable = Boolean.parseBoolean(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
      }
    }
    return new BenchmarkOptions(
        layers,
        batch,
        steps,
        warmup,
        threads,
        rowBlock,
        gradientTile,
        sgemmSize,
        naive,
        sgemm,
        portable);
  }

  private static int[] ints(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
  }
}
