package io.proofmint.protocol.checkpoint;

import io.proofmint.protocol.commit.MerkleProofCheck;
import io.proofmint.protocol.commit.PositionalMerkleTree;
import io.proofmint.protocol.crypto.AbiEncoder;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.crypto.Sha256;
import java.security.MessageDigest;
import java.util.List;

/**
 * The checkpoint hash of protocol.md section 7.2: the encoded bytes are cut into 64 KiB chunks,
 * each chunk is a leaf {@code sha256(0x00 || chunk)} of a positional keccak Merkle tree (section
 * 2), and the tree root is bound to the total length: {@code H(0x02 || abi.encode(DOMAIN, length,
 * root))}. The leaves use SHA-256 because it is seven times faster than keccak here and checkpoints
 * are hashed on the training machine's critical path (section 7.4).
 */
public final class ChunkHash {

  public static final int CHUNK_SIZE = 1 << 16;

  /** {@code H("proofmint.checkpoint.v2")}. */
  public static final Hash32 DOMAIN = Keccak.hashUtf8("proofmint.checkpoint.v2");

  private ChunkHash() {}

  /** {@code max(1, ceil(length / CHUNK_SIZE))}: an empty input still has one (empty) chunk. */
  public static long chunkCount(long totalLength) {
    if (totalLength < 0) {
      throw new IllegalArgumentException("length: expected >= 0, got " + totalLength);
    }
    return Math.max(1, (totalLength + CHUNK_SIZE - 1) / CHUNK_SIZE);
  }

  /** The length of chunk {@code index}: {@code CHUNK_SIZE}, except for the last one. */
  public static int chunkLength(long totalLength, long index) {
    long start = index * CHUNK_SIZE;
    return (int) Math.min(CHUNK_SIZE, totalLength - start);
  }

  /** {@code sha256(0x00 || chunk)}. */
  public static Hash32 leaf(byte[] data, int offset, int length) {
    return leaf(Sha256.newDigest(), data, offset, length);
  }

  /** {@code sha256(0x00 || chunk)} with a digest the caller reuses (one per thread). */
  static Hash32 leaf(MessageDigest digest, byte[] data, int offset, int length) {
    return Sha256.hash(digest, (byte) 0x00, data, offset, length);
  }

  /** {@code H(0x02 || abi.encode(DOMAIN, uint256 totalLength, bytes32 chunkRoot))}. */
  public static Hash32 bind(long totalLength, Hash32 chunkRoot) {
    return AbiEncoder.withPrefix(0x02)
        .bytes32(DOMAIN)
        .uint256(totalLength)
        .bytes32(chunkRoot)
        .hash();
  }

  /** The checkpoint hash from the chunk leaves, in order. */
  public static Hash32 fromLeaves(long totalLength, List<Hash32> leaves) {
    if (leaves.size() != chunkCount(totalLength)) {
      throw new IllegalArgumentException(
          "checkpoint of %d bytes: expected %d chunk leaves, got %d"
              .formatted(totalLength, chunkCount(totalLength), leaves.size()));
    }
    return bind(totalLength, PositionalMerkleTree.rootOf(leaves));
  }

  /** Checks that {@code chunk} is chunk {@code proof.index()} of the checkpoint {@code hash}. */
  public static MerkleProofCheck verifyChunk(
      Hash32 checkpointHash, ChunkProof proof, byte[] chunk) {
    long chunks = chunkCount(proof.totalLength());
    if (proof.index() >= chunks) {
      return MerkleProofCheck.invalid(
          MerkleProofCheck.Reason.INDEX_OUT_OF_RANGE,
          "chunk %d: expected 0 <= index < %d".formatted(proof.index(), chunks));
    }
    int expectedLength = chunkLength(proof.totalLength(), proof.index());
    if (chunk.length != expectedLength) {
      return MerkleProofCheck.invalid(
          MerkleProofCheck.Reason.MALFORMED_LEAF,
          "chunk %d: expected %d bytes, got %d"
              .formatted(proof.index(), expectedLength, chunk.length));
    }
    int depth = PositionalMerkleTree.depthFor(chunks);
    if (proof.siblings().size() != depth) {
      return MerkleProofCheck.invalid(
          MerkleProofCheck.Reason.WRONG_PROOF_LENGTH,
          "chunk proof for %d chunks: expected %d siblings, got %d"
              .formatted(chunks, depth, proof.siblings().size()));
    }
    Hash32 root =
        PositionalMerkleTree.fold(leaf(chunk, 0, chunk.length), proof.index(), proof.siblings());
    Hash32 computed = bind(proof.totalLength(), root);
    if (!computed.equals(checkpointHash)) {
      return MerkleProofCheck.invalid(
          MerkleProofCheck.Reason.ROOT_MISMATCH,
          "chunk %d: expected checkpoint hash %s, got %s"
              .formatted(proof.index(), checkpointHash, computed));
    }
    return MerkleProofCheck.valid();
  }
}
