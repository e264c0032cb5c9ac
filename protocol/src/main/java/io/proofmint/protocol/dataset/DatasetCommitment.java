package io.proofmint.protocol.dataset;

import io.proofmint.protocol.commit.MerkleProofCheck;
import io.proofmint.protocol.commit.PositionalMerkleTree;
import io.proofmint.protocol.crypto.AbiEncoder;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.util.ArrayList;
import java.util.List;

/**
 * The commitment to a dataset (protocol.md section 8.2): the ordered shards with their hashes and
 * example counts, and the root that binds them, the total example count and the data shape.
 */
public final class DatasetCommitment {

  /** {@code H("proofmint.dataset.v1")}. */
  public static final Hash32 DOMAIN = Keccak.hashUtf8("proofmint.dataset.v1");

  private final int featureCount;
  private final int classCount;
  private final List<ShardEntry> shards;
  private final long[] firstExample; // cumulative: firstExample[i] = global index of shard i row 0
  private final long totalExamples;
  private final PositionalMerkleTree tree;
  private final Hash32 root;

  private DatasetCommitment(int featureCount, int classCount, List<ShardEntry> shards) {
    if (featureCount < 1 || classCount < 1) {
      throw new IllegalArgumentException(
          "dataset: expected featureCount >= 1 and classCount >= 1, got %d and %d"
              .formatted(featureCount, classCount));
    }
    if (shards.isEmpty()) {
      throw new IllegalArgumentException("dataset: expected at least 1 shard, got 0");
    }
    this.featureCount = featureCount;
    this.classCount = classCount;
    this.shards = List.copyOf(shards);
    this.firstExample = new long[shards.size()];
    long total = 0;
    List<Hash32> leaves = new ArrayList<>(shards.size());
    for (int i = 0; i < shards.size(); i++) {
      firstExample[i] = total;
      total += shards.get(i).exampleCount();
      leaves.add(shards.get(i).leaf(i));
    }
    this.totalExamples = total;
    this.tree = PositionalMerkleTree.build(leaves);
    this.root = bind(tree.root(), shards.size(), total, featureCount, classCount);
  }

  public static DatasetCommitment of(int featureCount, int classCount, List<ShardEntry> shards) {
    return new DatasetCommitment(featureCount, classCount, shards);
  }

  /**
   * {@code H(0x02 || abi.encode(DOMAIN, shardRoot, shardCount, totalExamples, featureCount,
   * classCount))}.
   */
  public static Hash32 bind(
      Hash32 shardRoot, long shardCount, long totalExamples, int featureCount, int classCount) {
    return AbiEncoder.withPrefix(0x02)
        .bytes32(DOMAIN)
        .bytes32(shardRoot)
        .uint256(shardCount)
        .uint256(totalExamples)
        .uint256(featureCount)
        .uint256(classCount)
        .hash();
  }

  public Hash32 root() {
    return root;
  }

  public int featureCount() {
    return featureCount;
  }

  public int classCount() {
    return classCount;
  }

  public List<ShardEntry> shards() {
    return shards;
  }

  public List<Hash32> shardHashes() {
    return shards.stream().map(ShardEntry::hash).toList();
  }

  public long totalExamples() {
    return totalExamples;
  }

  /** The shard holding global example {@code index}. */
  public int shardOf(long index) {
    checkExample(index);
    int position = java.util.Arrays.binarySearch(firstExample, index);
    return position >= 0 ? position : -position - 2;
  }

  /** The global index of the first example of shard {@code shard}. */
  public long firstExample(int shard) {
    return firstExample[shard];
  }

  /** The sibling hashes that prove shard {@code index} under the shard root. */
  public List<Hash32> shardProof(int index) {
    return tree.proof(index);
  }

  /** Checks that {@code entry} is shard {@code index} of the dataset with root {@code root}. */
  public static MerkleProofCheck verifyShard(
      Hash32 root,
      long shardCount,
      long totalExamples,
      int featureCount,
      int classCount,
      int index,
      ShardEntry entry,
      List<Hash32> proof) {
    if (index < 0 || index >= shardCount) {
      return MerkleProofCheck.invalid(
          MerkleProofCheck.Reason.INDEX_OUT_OF_RANGE,
          "shard %d: expected 0 <= index < %d".formatted(index, shardCount));
    }
    if (proof.size() != PositionalMerkleTree.depthFor(shardCount)) {
      return MerkleProofCheck.invalid(
          MerkleProofCheck.Reason.WRONG_PROOF_LENGTH,
          "shard proof for %d shards: expected %d siblings, got %d"
              .formatted(shardCount, PositionalMerkleTree.depthFor(shardCount), proof.size()));
    }
    Hash32 shardRoot = PositionalMerkleTree.fold(entry.leaf(index), index, proof);
    Hash32 computed = bind(shardRoot, shardCount, totalExamples, featureCount, classCount);
    if (!computed.equals(root)) {
      return MerkleProofCheck.invalid(
          MerkleProofCheck.Reason.ROOT_MISMATCH,
          "shard %d: expected dataset root %s, got %s".formatted(index, root, computed));
    }
    return MerkleProofCheck.valid();
  }

  private void checkExample(long index) {
    if (index < 0 || index >= totalExamples) {
      throw new IndexOutOfBoundsException(
          "example %d: expected 0 <= index < %d".formatted(index, totalExamples));
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DatasetCommitment that
        && featureCount == that.featureCount
        && classCount == that.classCount
        && shards.equals(that.shards);
  }

  @Override
  public int hashCode() {
    return root.hashCode();
  }

  @Override
  public String toString() {
    return "DatasetCommitment[%s, %d shards, %d examples]"
        .formatted(root, shards.size(), totalExamples);
  }
}
