package io.proofmint.protocol.checkpoint;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Sha256;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Semaphore;

/**
 * Computes the checkpoint hash of whatever is written to it, chunk by chunk, without keeping the
 * bytes: with a pool, each full chunk is hashed by a pool task (at most two per pool thread in
 * flight, so memory stays bounded); without one, in the writing thread. Call {@link #finish()} once
 * after the last write. With a pool, write from a thread outside that pool: a full pool would
 * otherwise wait for itself.
 */
public final class ChunkHashingOutputStream extends OutputStream {

  private final ForkJoinPool pool; // null: hash in the writing thread
  private final Semaphore inFlight;
  private final MessageDigest digest = Sha256.newDigest();
  private final List<ForkJoinTask<Hash32>> pending = new ArrayList<>();
  private final List<Hash32> leaves = new ArrayList<>();
  private byte[] buffer = new byte[ChunkHash.CHUNK_SIZE];
  private int filled;
  private long total;
  private boolean finished;

  ChunkHashingOutputStream(ForkJoinPool pool) {
    this.pool = pool;
    this.inFlight = pool == null ? null : new Semaphore(2 * pool.getParallelism());
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] data, int offset, int length) {
    if (finished) {
      throw new IllegalStateException("chunk hasher: already finished");
    }
    while (length > 0) {
      int n = Math.min(length, buffer.length - filled);
      System.arraycopy(data, offset, buffer, filled, n);
      filled += n;
      offset += n;
      length -= n;
      total += n;
      if (filled == buffer.length) {
        emitChunk();
      }
    }
  }

  /** Bytes written so far. */
  public long length() {
    return total;
  }

  /** The checkpoint hash of everything written. */
  public Hash32 finish() {
    if (finished) {
      throw new IllegalStateException("chunk hasher: already finished");
    }
    if (filled > 0 || total == 0) {
      leaves.add(ChunkHash.leaf(digest, buffer, 0, filled));
    }
    finished = true;
    List<Hash32> all = new ArrayList<>(pending.size() + leaves.size());
    for (ForkJoinTask<Hash32> task : pending) {
      all.add(task.join());
    }
    all.addAll(leaves);
    return ChunkHash.fromLeaves(total, all);
  }

  private void emitChunk() {
    if (pool == null) {
      leaves.add(ChunkHash.leaf(digest, buffer, 0, filled));
    } else {
      byte[] chunk = buffer;
      buffer = new byte[ChunkHash.CHUNK_SIZE];
      inFlight.acquireUninterruptibly();
      pending.add(
          pool.submit(
              () -> {
                try {
                  return ChunkHash.leaf(chunk, 0, chunk.length);
                } finally {
                  inFlight.release();
                }
              }));
    }
    filled = 0;
  }

  @Override
  public String toString() {
    return "ChunkHashingOutputStream[%d bytes, %s]"
        .formatted(total, pool == null ? "sequential" : "parallelism " + pool.getParallelism());
  }
}
