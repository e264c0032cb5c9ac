package io.proofmint.protocol.commit;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.util.ArrayList;
import java.util.List;

/**
 * The positional binary Merkle tree of protocol.md section 2, over already-hashed leaves: leaf
 * positions are indices, missing positions up to the next power of two hold {@code bytes32(0)}, and
 * an inner node is {@code H(0x01 || left || right)}. Used for segments, checkpoint chunks and
 * dataset shards, each with its own leaf hashing.
 */
public final class PositionalMerkleTree {

  private final int leafCount;
  private final List<Hash32[]> levels; // levels.get(0): the padded leaves; last: the root alone

  private PositionalMerkleTree(int leafCount, List<Hash32[]> levels) {
    this.leafCount = leafCount;
    this.levels = levels;
  }

  /** Builds the tree; {@code leaves} must not be empty. */
  public static PositionalMerkleTree build(List<Hash32> leaves) {
    if (leaves.isEmpty()) {
      throw new IllegalArgumentException("merkle tree: expected at least 1 leaf, got 0");
    }
    int depth = depthFor(leaves.size());
    Hash32[] level = new Hash32[1 << depth];
    for (int i = 0; i < level.length; i++) {
      level[i] = i < leaves.size() ? leaves.get(i) : Hash32.ZERO;
    }
    List<Hash32[]> levels = new ArrayList<>(depth + 1);
    levels.add(level);
    Keccak.Hasher hasher = Keccak.newHasher();
    while (level.length > 1) {
      Hash32[] parent = new Hash32[level.length / 2];
      for (int i = 0; i < parent.length; i++) {
        parent[i] = node(hasher, level[2 * i], level[2 * i + 1]);
      }
      levels.add(parent);
      level = parent;
    }
    return new PositionalMerkleTree(leaves.size(), levels);
  }

  /** The root alone, without keeping the levels. */
  public static Hash32 rootOf(List<Hash32> leaves) {
    return build(leaves).root();
  }

  /** {@code ceil(log2(leafCount))}: 0 for one leaf. */
  public static int depthFor(long leafCount) {
    if (leafCount < 1) {
      throw new IllegalArgumentException("merkle tree: expected leafCount >= 1, got " + leafCount);
    }
    return 64 - Long.numberOfLeadingZeros(leafCount - 1);
  }

  /** {@code H(0x01 || left || right)}. */
  public static Hash32 node(Hash32 left, Hash32 right) {
    return node(Keccak.newHasher(), left, right);
  }

  private static Hash32 node(Keccak.Hasher hasher, Hash32 left, Hash32 right) {
    return hasher.update((byte) 0x01).update(left).update(right).finish();
  }

  public Hash32 root() {
    return levels.get(levels.size() - 1)[0];
  }

  public int leafCount() {
    return leafCount;
  }

  public int depth() {
    return levels.size() - 1;
  }

  public Hash32 leaf(int index) {
    checkIndex(index);
    return levels.get(0)[index];
  }

  /** The {@code depth} sibling hashes of leaf {@code index}, from the leaf level up. */
  public List<Hash32> proof(int index) {
    checkIndex(index);
    List<Hash32> siblings = new ArrayList<>(depth());
    int position = index;
    for (int d = 0; d < depth(); d++) {
      siblings.add(levels.get(d)[position ^ 1]);
      position >>>= 1;
    }
    return List.copyOf(siblings);
  }

  /**
   * Checks a proof per protocol.md section 2: valid iff {@code proof.size() == depth(leafCount)},
   * {@code 0 <= index < leafCount} and the folded node equals {@code root}.
   */
  public static MerkleProofCheck verify(
      Hash32 root, long leafCount, long index, Hash32 leaf, List<Hash32> proof) {
    if (leafCount < 1 || index < 0 || index >= leafCount) {
      return MerkleProofCheck.invalid(
          MerkleProofCheck.Reason.INDEX_OUT_OF_RANGE,
          "index %d: expected 0 <= index < %d".formatted(index, leafCount));
    }
    int depth = depthFor(leafCount);
    if (proof.size() != depth) {
      return MerkleProofCheck.invalid(
          MerkleProofCheck.Reason.WRONG_PROOF_LENGTH,
          "proof for %d leaves: expected %d siblings, got %d"
              .formatted(leafCount, depth, proof.size()));
    }
    Hash32 computed = fold(leaf, index, proof);
    if (!computed.equals(root)) {
      return MerkleProofCheck.invalid(
          MerkleProofCheck.Reason.ROOT_MISMATCH,
          "index %d: expected root %s, got %s".formatted(index, root, computed));
    }
    return MerkleProofCheck.valid();
  }

  /** Folds {@code leaf} up through {@code proof}, choosing sides by the bits of {@code index}. */
  public static Hash32 fold(Hash32 leaf, long index, List<Hash32> proof) {
    Keccak.Hasher hasher = Keccak.newHasher();
    Hash32 node = leaf;
    for (int d = 0; d < proof.size(); d++) {
      node =
          ((index >>> d) & 1) == 0
              ? node(hasher, node, proof.get(d))
              : node(hasher, proof.get(d), node);
    }
    return node;
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= leafCount) {
      throw new IndexOutOfBoundsException(
          "leaf %d: expected 0 <= index < %d".formatted(index, leafCount));
    }
  }
}
