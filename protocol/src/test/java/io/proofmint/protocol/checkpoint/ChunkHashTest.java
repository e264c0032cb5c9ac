package io.proofmint.protocol.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.commit.MerkleProofCheck;
import io.proofmint.protocol.commit.PositionalMerkleTree;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkHashTest {

  private static final int C = ChunkHash.CHUNK_SIZE;
  private static final ForkJoinPool POOL = new ForkJoinPool(3);
  private static final CheckpointHasher SEQUENTIAL = CheckpointHasher.sequential();
  private static final CheckpointHasher PARALLEL = CheckpointHasher.parallel(POOL);

  @TempDir Path dir;

  @AfterAll
  static void shutdown() {
    POOL.shutdown();
  }

  private static byte[] bytes(int length) {
    byte[] data = new byte[length];
    new SplittableRandom(length).nextBytes(data);
    return data;
  }

  @Test
  void chunkCount_isAtLeastOneAndCeil() {
    assertThat(ChunkHash.chunkCount(0)).isEqualTo(1);
    assertThat(ChunkHash.chunkCount(1)).isEqualTo(1);
    assertThat(ChunkHash.chunkCount(C)).isEqualTo(1);
    assertThat(ChunkHash.chunkCount(C + 1)).isEqualTo(2);
  }

  @Test
  void hash_ofOneChunk_isBoundLeaf() {
    byte[] data = bytes(100);
    Hash32 leaf = Sha256.hash(new byte[] {0}, data);
    assertThat(ChunkHash.leaf(data, 0, data.length)).isEqualTo(leaf);
    assertThat(SEQUENTIAL.hash(data)).isEqualTo(ChunkHash.bind(100, leaf));
  }

  @Test
  void hash_ofThreeChunks_isPaddedTreeBoundToLength() {
    byte[] data = bytes(2 * C + 5);
    Hash32 l0 = ChunkHash.leaf(data, 0, C);
    Hash32 l1 = ChunkHash.leaf(data, C, C);
    Hash32 l2 = ChunkHash.leaf(data, 2 * C, 5);
    Hash32 root =
        PositionalMerkleTree.node(
            PositionalMerkleTree.node(l0, l1), PositionalMerkleTree.node(l2, Hash32.ZERO));
    assertThat(SEQUENTIAL.hash(data)).isEqualTo(ChunkHash.bind(data.length, root));
  }

  @Test
  void hash_isTheSameSequentialParallelStreamedAndFromFile() throws IOException {
    for (int length : new int[] {0, 1, C - 1, C, C + 1, 5 * C + 17}) {
      byte[] data = bytes(length);
      Hash32 expected = SEQUENTIAL.hash(data);
      assertThat(PARALLEL.hash(data)).as("parallel, %d bytes", length).isEqualTo(expected);
      for (CheckpointHasher hasher : List.of(SEQUENTIAL, PARALLEL)) {
        ChunkHashingOutputStream sink = hasher.newSink();
        for (int from = 0; from < length; from += 1000) {
          sink.write(data, from, Math.min(1000, length - from));
        }
        assertThat(sink.finish()).as("streamed, %d bytes", length).isEqualTo(expected);
      }
      Path file = dir.resolve("data" + length);
      Files.write(file, data);
      assertThat(PARALLEL.hash(file)).as("file, %d bytes", length).isEqualTo(expected);
      assertThat(SEQUENTIAL.hash(file)).isEqualTo(expected);
    }
  }

  @Test
  void hash_bindsLength() {
    byte[] data = bytes(10);
    byte[] longer = java.util.Arrays.copyOf(data, 11); // one more zero byte
    assertThat(SEQUENTIAL.hash(longer)).isNotEqualTo(SEQUENTIAL.hash(data));
  }

  @Test
  void hash_ofCheckpointEqualsHashOfItsEncoding() {
    Checkpoint checkpoint = TestCheckpoints.ofSize(40_000, 3); // 160 KB: three chunks
    byte[] encoded = CheckpointEncoder.encode(checkpoint);
    assertThat(PARALLEL.hash(checkpoint)).isEqualTo(SEQUENTIAL.hash(encoded));
  }

  @Test
  void chunkProof_verifiesEveryChunk() {
    byte[] data = bytes(4 * C + 9);
    Hash32 hash = SEQUENTIAL.hash(data);
    for (int i = 0; i < 5; i++) {
      ChunkProof proof = SEQUENTIAL.proveChunk(data, i);
      assertThat(ChunkHash.verifyChunk(hash, proof, CheckpointHasher.chunk(data, i)).isValid())
          .isTrue();
    }
  }

  @Test
  void chunkProof_rejectsTamperedChunkWrongSizeAndWrongIndex() {
    byte[] data = bytes(4 * C + 9);
    Hash32 hash = SEQUENTIAL.hash(data);
    ChunkProof proof = SEQUENTIAL.proveChunk(data, 1);
    byte[] chunk = CheckpointHasher.chunk(data, 1);
    chunk[7] ^= 1;
    assertThat(ChunkHash.verifyChunk(hash, proof, chunk).reason())
        .isEqualTo(MerkleProofCheck.Reason.ROOT_MISMATCH);
    assertThat(ChunkHash.verifyChunk(hash, proof, new byte[9]).reason())
        .isEqualTo(MerkleProofCheck.Reason.MALFORMED_LEAF);
    ChunkProof outOfRange = new ChunkProof(data.length, 5, proof.siblings());
    assertThat(ChunkHash.verifyChunk(hash, outOfRange, chunk).reason())
        .isEqualTo(MerkleProofCheck.Reason.INDEX_OUT_OF_RANGE);
    ChunkProof otherLength = new ChunkProof(data.length + C, 1, proof.siblings());
    assertThat(ChunkHash.verifyChunk(hash, otherLength, CheckpointHasher.chunk(data, 1)).reason())
        .isEqualTo(MerkleProofCheck.Reason.ROOT_MISMATCH);
  }
}
