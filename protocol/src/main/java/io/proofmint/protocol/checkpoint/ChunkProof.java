package io.proofmint.protocol.checkpoint;

import io.proofmint.protocol.crypto.Hash32;
import java.util.List;

/**
 * Proof that a chunk belongs to a checkpoint: the checkpoint's total length, the chunk index and
 * the sibling hashes from the leaf level up.
 */
public record ChunkProof(long totalLength, long index, List<Hash32> siblings) {

  public ChunkProof {
    if (totalLength < 0 || index < 0) {
      throw new IllegalArgumentException(
          "chunk proof: expected non-negative length and index, got %d and %d"
              .formatted(totalLength, index));
    }
    siblings = List.copyOf(siblings);
  }
}
