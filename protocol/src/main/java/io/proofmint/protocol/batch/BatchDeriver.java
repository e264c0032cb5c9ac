package io.proofmint.protocol.batch;

import io.proofmint.protocol.crypto.AbiEncoder;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.util.Objects;

/**
 * Derives the batch of every step of a task (protocol.md section 9.2): example indices from a
 * counter-mode keccak PRF of the task seed, reduced modulo the dataset size, and the batch hash
 * that commits to them. Immutable and thread-safe.
 */
public final class BatchDeriver {

  /** {@code H("proofmint.batchhash.v1")}. */
  public static final Hash32 BATCH_HASH_DOMAIN = Keccak.hashUtf8("proofmint.batchhash.v1");

  public static final int MAX_BATCH_SIZE = 1 << 20;

  /** 64-bit words taken from one keccak output. */
  private static final int WORDS_PER_BLOCK = 4;

  private final Hash32 taskSeed;
  private final Hash32 datasetRoot;
  private final long totalExamples;
  private final int batchSize;

  private BatchDeriver(Hash32 taskSeed, Hash32 datasetRoot, long totalExamples, int batchSize) {
    this.taskSeed = Objects.requireNonNull(taskSeed, "taskSeed");
    this.datasetRoot = Objects.requireNonNull(datasetRoot, "datasetRoot");
    if (totalExamples < 1) {
      throw new IllegalArgumentException("totalExamples: expected >= 1, got " + totalExamples);
    }
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException(
          "batchSize: expected 1..%d, got %d".formatted(MAX_BATCH_SIZE, batchSize));
    }
    this.totalExamples = totalExamples;
    this.batchSize = batchSize;
  }

  public static BatchDeriver of(
      Hash32 taskSeed, Hash32 datasetRoot, long totalExamples, int batchSize) {
    return new BatchDeriver(taskSeed, datasetRoot, totalExamples, batchSize);
  }

  /**
   * The example indices of step {@code t}, in the order the engine must use them: index {@code j}
   * is {@code be64(block[8*(j%4) .. 8*(j%4)+8)) mod totalExamples} with {@code block = H(abi.encode
   * (taskSeed, uint256 t, uint256 j/4))}.
   */
  public long[] indices(long step) {
    checkStep(step);
    long[] indices = new long[batchSize];
    byte[] input = new byte[96];
    taskSeed.copyTo(input, 0);
    putUint64(input, 32 + 24, step);
    Keccak.Hasher hasher = Keccak.newHasher();
    for (int block = 0; block * WORDS_PER_BLOCK < batchSize; block++) {
      putUint64(input, 64 + 24, block);
      byte[] output = hasher.update(input).finish().bytes();
      for (int w = 0; w < WORDS_PER_BLOCK; w++) {
        int j = block * WORDS_PER_BLOCK + w;
        if (j == batchSize) {
          break;
        }
        indices[j] = Long.remainderUnsigned(readUint64(output, 8 * w), totalExamples);
      }
    }
    return indices;
  }

  /** The batch hash of step {@code t}: derives its indices and hashes them. */
  public Hash32 batchHash(long step) {
    return batchHash(step, indices(step));
  }

  /**
   * {@code H(abi.encode(BATCH_HASH_DOMAIN, datasetRoot, uint256 t, uint256 B) || be64(index_0) ||
   * ... || be64(index_{B-1}))}.
   */
  public Hash32 batchHash(long step, long[] indices) {
    checkStep(step);
    if (indices.length != batchSize) {
      throw new IllegalArgumentException(
          "batch of step %d: expected %d indices, got %d"
              .formatted(step, batchSize, indices.length));
    }
    byte[] tail = new byte[8 * indices.length];
    for (int j = 0; j < indices.length; j++) {
      putUint64(tail, 8 * j, indices[j]);
    }
    byte[] head =
        AbiEncoder.create()
            .bytes32(BATCH_HASH_DOMAIN)
            .bytes32(datasetRoot)
            .uint256(step)
            .uint256(batchSize)
            .toBytes();
    return Keccak.hash(head, tail);
  }

  public Hash32 taskSeed() {
    return taskSeed;
  }

  public Hash32 datasetRoot() {
    return datasetRoot;
  }

  public long totalExamples() {
    return totalExamples;
  }

  public int batchSize() {
    return batchSize;
  }

  private static void checkStep(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step: expected >= 0, got " + step);
    }
  }

  private static void putUint64(byte[] target, int offset, long value) {
    for (int i = 0; i < 8; i++) {
      target[offset + i] = (byte) (value >>> (56 - 8 * i));
    }
  }

  private static long readUint64(byte[] source, int offset) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (source[offset + i] & 0xff);
    }
    return value;
  }
}
