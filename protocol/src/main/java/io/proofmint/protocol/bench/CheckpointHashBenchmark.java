package io.proofmint.protocol.bench;

import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.CheckpointEncoder;
import io.proofmint.protocol.checkpoint.CheckpointFiles;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.checkpoint.Tensor;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.crypto.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

/**
 * Measures checkpoint hashing throughput (protocol.md section 7.4).
 *
 * <p>Usage: {@code CheckpointHashBenchmark [sizeMB=40] [threads=available cores]}. Prints MB/s (1
 * MB = 10^6 bytes) for: raw keccak-256, the chunk-tree hash in one thread, the same with a pool of
 * {@code threads}, the same from a file, and encode+hash streamed from tensors.
 */
public final class CheckpointHashBenchmark {

  private static final int WARMUP = 3;
  private static final int RUNS = 5;

  private CheckpointHashBenchmark() {}

  public static void main(String[] args) throws IOException {
    int sizeMb = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : availableCores();
    Checkpoint checkpoint = randomCheckpoint(sizeMb * 1_000_000L);
    byte[] encoded = CheckpointEncoder.encode(checkpoint);
    double mb = encoded.length / 1e6;
    System.out.printf(
        "checkpoint: %.1f MB in %d tensors; threads: %d; java %s%n",
        mb, checkpoint.tensors().size(), threads, Runtime.version());

    CheckpointHasher sequential = CheckpointHasher.sequential();
    ForkJoinPool pool = new ForkJoinPool(threads);
    Path file = Files.createTempFile("proofmint-bench", ".ckpt");
    try {
      CheckpointHasher parallel = CheckpointHasher.parallel(pool);
      Hash32 expected = sequential.hash(encoded);
      CheckpointFiles.write(file, checkpoint, sequential);
      report("keccak-256 raw, 1 thread (v1 leaves)", mb, () -> Keccak.hash(encoded));
      report("sha-256 raw, 1 thread (the ceiling)", mb, () -> Sha256.hash(encoded));
      report("chunk tree, 1 thread", mb, check(expected, () -> sequential.hash(encoded)));
      report(
          "chunk tree, %d threads".formatted(threads),
          mb,
          check(expected, () -> parallel.hash(encoded)));
      report(
          "chunk tree from file, %d threads".formatted(threads),
          mb,
          check(expected, () -> hashFile(parallel, file)));
      report(
          "encode + hash streamed, %d threads".formatted(threads),
          mb,
          check(expected, () -> parallel.hash(checkpoint)));
      System.out.println("checkpoint hash: " + expected);
    } finally {
      pool.shutdown();
      Files.deleteIfExists(file);
    }
  }

  private static int availableCores() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static Checkpoint randomCheckpoint(long bytes) {
    SplittableRandom random = new SplittableRandom(42);
    List<Tensor> tensors = new ArrayList<>();
    long floats = bytes / Float.BYTES;
    int perTensor = 1 << 20;
    for (int i = 0; floats > 0; i++) {
      int n = (int) Math.min(perTensor, floats);
      float[] data = new float[n];
      for (int j = 0; j < n; j++) {
        data[j] = (float) random.nextGaussian();
      }
      tensors.add(Tensor.wrap("tensor" + i, new int[] {n}, data));
      floats -= n;
    }
    return Checkpoint.of(0, Keccak.hashUtf8("benchmark"), tensors);
  }

  private static Hash32 hashFile(CheckpointHasher hasher, Path file) {
    try {
      return hasher.hash(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Supplier<Hash32> check(Hash32 expected, Supplier<Hash32> task) {
    return () -> {
      Hash32 actual = task.get();
      if (!actual.equals(expected)) {
        throw new IllegalStateException(
            "benchmark: expected hash %s, got %s".formatted(expected, actual));
      }
      return actual;
    };
  }

  private static void report(String name, double mb, Supplier<Hash32> task) {
    for (int i = 0; i < WARMUP; i++) {
      task.get();
    }
    double best = Double.MAX_VALUE;
    double total = 0;
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      task.get();
      double seconds = (System.nanoTime() - start) / 1e9;
      best = Math.min(best, seconds);
      total += seconds;
    }
    System.out.printf(
        "%-40s best %7.1f MB/s   mean %7.1f MB/s%n", name, mb / best, mb / (total / RUNS));
  }
}
