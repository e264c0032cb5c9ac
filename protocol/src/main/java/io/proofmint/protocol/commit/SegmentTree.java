package io.proofmint.protocol.commit;

import io.proofmint.protocol.crypto.Hash32;
import java.util.List;

/**
 * The commitment of one task: the positional Merkle tree (section 2) over the segment leaves
 * (section 1). Its root is what the trainer submits on-chain.
 */
public final class SegmentTree {

  private final TaskBinding binding;
  private final List<SegmentLeaf> leaves;
  private final PositionalMerkleTree tree;

  private SegmentTree(TaskBinding binding, List<SegmentLeaf> leaves, PositionalMerkleTree tree) {
    this.binding = binding;
    this.leaves = leaves;
    this.tree = tree;
  }

  /** Builds the tree; leaf {@code i} must carry index {@code i}. */
  public static SegmentTree build(TaskBinding binding, List<SegmentLeaf> leaves) {
    for (int i = 0; i < leaves.size(); i++) {
      if (leaves.get(i).index() != i) {
        throw new IllegalArgumentException(
            "leaf at position %d: expected index %d, got %d"
                .formatted(i, i, leaves.get(i).index()));
      }
    }
    List<Hash32> hashes = leaves.stream().map(leaf -> leaf.hash(binding)).toList();
    return new SegmentTree(binding, List.copyOf(leaves), PositionalMerkleTree.build(hashes));
  }

  /** Builds the tree of a whole task from its step records and checkpoint hashes. */
  public static SegmentTree fromRecords(
      TaskBinding binding, int segmentLength, List<StepRecord> records, List<Hash32> checkpoints) {
    return build(binding, SegmentRecords.leaves(segmentLength, records, checkpoints));
  }

  public Hash32 root() {
    return tree.root();
  }

  public TaskBinding binding() {
    return binding;
  }

  public int segments() {
    return leaves.size();
  }

  public SegmentLeaf leaf(int index) {
    return leaves.get(index);
  }

  public List<SegmentLeaf> leaves() {
    return leaves;
  }

  public Hash32 leafHash(int index) {
    return tree.leaf(index);
  }

  /** The sibling hashes that prove segment {@code index}; {@code depth} of them. */
  public List<Hash32> proof(int index) {
    return tree.proof(index);
  }

  /** Checks the proof of a leaf hash at {@code index} in a tree of {@code segments} leaves. */
  public static MerkleProofCheck verify(
      Hash32 root, long segments, long index, Hash32 leafHash, List<Hash32> proof) {
    return PositionalMerkleTree.verify(root, segments, index, leafHash, proof);
  }

  /** Hashes {@code leaf} under {@code binding} and checks it at the index it carries. */
  public static MerkleProofCheck verify(
      Hash32 root, long segments, TaskBinding binding, SegmentLeaf leaf, List<Hash32> proof) {
    return verify(root, segments, leaf.index(), leaf.hash(binding), proof);
  }
}
