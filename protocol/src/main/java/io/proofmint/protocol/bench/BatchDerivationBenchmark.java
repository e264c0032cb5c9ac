package io.proofmint.protocol.bench;

import io.proofmint.protocol.batch.BatchDeriver;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;

/**
 * Measures batch derivation (protocol.md section 9.4): indices and batch hash for every step.
 *
 * <p>Usage: {@code BatchDerivationBenchmark [steps=10000] [batchSize=32] [examples=60000]}.
 */
public final class BatchDerivationBenchmark {

  private BatchDerivationBenchmark() {}

  public static void main(String[] args) {
    int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    long examples = args.length > 2 ? Long.parseLong(args[2]) : 60_000;
    BatchDeriver deriver =
        BatchDeriver.of(
            Keccak.hashUtf8("benchmark seed"),
            Keccak.hashUtf8("benchmark dataset"),
            examples,
            batchSize);
    Hash32 digest = null;
    for (int round = 0; round < 5; round++) {
      long start = System.nanoTime();
      for (int t = 0; t < steps; t++) {
        digest = deriver.batchHash(t);
      }
      double ms = (System.nanoTime() - start) / 1e6;
      System.out.printf(
          "round %d: %d steps x batch %d over %d examples in %.1f ms (%.1f us/step)%n",
          round, steps, batchSize, examples, ms, 1000 * ms / steps);
    }
    System.out.println("last batch hash: " + digest);
  }
}
