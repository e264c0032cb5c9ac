package io.proofmint.protocol.checkpoint;

import io.proofmint.protocol.commit.PositionalMerkleTree;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Sha256;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.function.LongConsumer;

/**
 * Computes checkpoint hashes (protocol.md section 7.2), either in the calling thread or with the
 * chunk leaves spread over a {@link ForkJoinPool}. The result does not depend on the pool: every
 * leaf has a fixed position in the tree.
 */
public final class CheckpointHasher {

  // Per-thread scratch for hash(Checkpoint, ParallelLoop): the loop's threads live long.
  private static final ThreadLocal<byte[]> CHUNK_BUFFER =
      ThreadLocal.withInitial(() -> new byte[ChunkHash.CHUNK_SIZE]);
  private static final ThreadLocal<MessageDigest> LEAF_DIGEST =
      ThreadLocal.withInitial(Sha256::newDigest);

  private final ForkJoinPool pool; // null: the calling thread does all the work

  private CheckpointHasher(ForkJoinPool pool) {
    this.pool = pool;
  }

  public static CheckpointHasher sequential() {
    return new CheckpointHasher(null);
  }

  /**
   * Hashes chunks in {@code pool}; the caller owns (and shuts down) the pool. Stream into {@link
   * #newSink()} or {@link #hash(Checkpoint)} from a thread outside the pool.
   */
  public static CheckpointHasher parallel(ForkJoinPool pool) {
    return new CheckpointHasher(pool);
  }

  /** The hash of encoded checkpoint bytes. */
  public Hash32 hash(byte[] encoded) {
    return ChunkHash.fromLeaves(encoded.length, List.of(leaves(encoded)));
  }

  /** The hash of a checkpoint's canonical encoding, streamed without materializing it. */
  public Hash32 hash(Checkpoint checkpoint) {
    ChunkHashingOutputStream sink = newSink();
    try {
      CheckpointEncoder.encode(checkpoint, sink);
    } catch (IOException e) {
      throw new UncheckedIOException("chunk hasher never throws", e);
    }
    return sink.finish();
  }

  /**
   * The hash of a checkpoint's canonical encoding, its chunks encoded and hashed as the tasks of
   * {@code loop} (this hasher's own pool is not used): each task holds one 64 KiB chunk at a time.
   */
  public Hash32 hash(Checkpoint checkpoint, ParallelLoop loop) {
    CheckpointBytes bytes = new CheckpointBytes(checkpoint);
    long length = bytes.length();
    Hash32[] leaves = new Hash32[Math.toIntExact(ChunkHash.chunkCount(length))];
    loop.forEach(
        leaves.length,
        index -> {
          byte[] chunk = CHUNK_BUFFER.get();
          int size = ChunkHash.chunkLength(length, index);
          bytes.copy((long) index * ChunkHash.CHUNK_SIZE, chunk, 0, size);
          leaves[index] = ChunkHash.leaf(LEAF_DIGEST.get(), chunk, 0, size);
        });
    return ChunkHash.fromLeaves(length, List.of(leaves));
  }

  /** The hash of a file's bytes, read with positional reads (in parallel with a pool). */
  public Hash32 hash(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long length = channel.size();
      Hash32[] leaves = new Hash32[Math.toIntExact(ChunkHash.chunkCount(length))];
      try {
        forEachChunk(
            leaves.length,
            index -> {
              byte[] chunk = readChunk(channel, file, length, index);
              leaves[(int) index] = ChunkHash.leaf(chunk, 0, chunk.length);
            });
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      return ChunkHash.fromLeaves(length, List.of(leaves));
    }
  }

  /** A stream that hashes what is written to it; see {@link ChunkHashingOutputStream}. */
  public ChunkHashingOutputStream newSink() {
    return new ChunkHashingOutputStream(pool);
  }

  /** The proof that chunk {@code index} belongs to {@code encoded}. */
  public ChunkProof proveChunk(byte[] encoded, long index) {
    Hash32[] leaves = leaves(encoded);
    if (index < 0 || index >= leaves.length) {
      throw new IndexOutOfBoundsException(
          "chunk %d: expected 0 <= index < %d".formatted(index, leaves.length));
    }
    List<Hash32> siblings = PositionalMerkleTree.build(List.of(leaves)).proof((int) index);
    return new ChunkProof(encoded.length, index, siblings);
  }

  /** The bytes of chunk {@code index} of {@code encoded}. */
  public static byte[] chunk(byte[] encoded, long index) {
    int start = Math.toIntExact(index * ChunkHash.CHUNK_SIZE);
    return Arrays.copyOfRange(encoded, start, start + ChunkHash.chunkLength(encoded.length, index));
  }

  private Hash32[] leaves(byte[] encoded) {
    Hash32[] leaves = new Hash32[Math.toIntExact(ChunkHash.chunkCount(encoded.length))];
    forEachChunk(
        leaves.length,
        index -> {
          int start = (int) (index * ChunkHash.CHUNK_SIZE);
          leaves[(int) index] =
              ChunkHash.leaf(encoded, start, ChunkHash.chunkLength(encoded.length, index));
        });
    return leaves;
  }

  private void forEachChunk(int chunks, LongConsumer action) {
    if (pool == null || chunks == 1) {
      for (int i = 0; i < chunks; i++) {
        action.accept(i);
      }
    } else {
      pool.invoke(new ChunkRange(0, chunks, action));
    }
  }

  private static byte[] readChunk(FileChannel channel, Path file, long length, long index) {
    int size = ChunkHash.chunkLength(length, index);
    ByteBuffer buffer = ByteBuffer.allocate(size);
    long position = index * ChunkHash.CHUNK_SIZE;
    try {
      while (buffer.hasRemaining()) {
        int read = channel.read(buffer, position + buffer.position());
        if (read < 0) {
          throw new EOFException(
              "checkpoint file %s: expected %d bytes, got %d (changed while hashing?)"
                  .formatted(file, length, position + buffer.position()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.array();
  }

  /** Splits a chunk index range in halves down to single chunks. */
  private static final class ChunkRange extends RecursiveAction {
    private final int from;
    private final int to;
    private final transient LongConsumer action;

    ChunkRange(int from, int to, LongConsumer action) {
      this.from = from;
      this.to = to;
      this.action = action;
    }

    @Override
    protected void compute() {
      if (to - from == 1) {
        action.accept(from);
        return;
      }
      int middle = (from + to) >>> 1;
      invokeAll(new ChunkRange(from, middle, action), new ChunkRange(middle, to, action));
    }
  }

  @Override
  public String toString() {
    return pool == null ? "CheckpointHasher[sequential]" : "CheckpointHasher[" + pool + "]";
  }
}
