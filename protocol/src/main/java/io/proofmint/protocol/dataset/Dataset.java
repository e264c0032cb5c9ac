package io.proofmint.protocol.dataset;

import io.proofmint.protocol.io.FormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A committed dataset held in memory: the commitment and its shards, each checked against its hash
 * when loaded. Examples are addressed by their global index (section 8.4).
 */
public final class Dataset {

  private final DatasetCommitment commitment;
  private final List<Examples> shards;

  private Dataset(DatasetCommitment commitment, List<Examples> shards) {
    this.commitment = commitment;
    this.shards = List.copyOf(shards);
  }

  /** Reads the manifest and loads every shard beside it, checking each hash, count and shape. */
  public static Dataset load(Path manifestFile) throws IOException {
    DatasetCommitment commitment = DatasetManifest.read(manifestFile);
    Path dir = manifestFile.toAbsolutePath().getParent();
    List<Examples> shards = new ArrayList<>(commitment.shards().size());
    for (ShardEntry entry : commitment.shards()) {
      Path file = dir.resolve(entry.file());
      Examples shard = ShardFiles.load(file, entry.hash());
      check(file, "example count", entry.exampleCount(), shard.size());
      check(file, "feature count", commitment.featureCount(), shard.featureCount());
      check(file, "class count", commitment.classCount(), shard.classCount());
      shards.add(shard);
    }
    return new Dataset(commitment, shards);
  }

  /** A dataset from shards already in memory; their hashes are computed and must match. */
  public static Dataset of(DatasetCommitment commitment, List<Examples> shards) {
    if (shards.size() != commitment.shards().size()) {
      throw new IllegalArgumentException(
          "dataset: expected %d shards, got %d"
              .formatted(commitment.shards().size(), shards.size()));
    }
    for (int i = 0; i < shards.size(); i++) {
      var expected = commitment.shards().get(i).hash();
      var actual = ShardCodec.hash(shards.get(i));
      if (!expected.equals(actual)) {
        throw new IllegalArgumentException(
            "dataset shard %d: expected hash %s, got %s".formatted(i, expected, actual));
      }
    }
    return new Dataset(commitment, shards);
  }

  public DatasetCommitment commitment() {
    return commitment;
  }

  public long size() {
    return commitment.totalExamples();
  }

  public int featureCount() {
    return commitment.featureCount();
  }

  /** Copies the features of global example {@code index} into {@code target} at {@code offset}. */
  public void copyFeatures(long index, float[] target, int offset) {
    int shard = commitment.shardOf(index);
    shards.get(shard).copyFeatures(row(shard, index), target, offset);
  }

  public int label(long index) {
    int shard = commitment.shardOf(index);
    return shards.get(shard).label(row(shard, index));
  }

  private int row(int shard, long index) {
    return (int) (index - commitment.firstExample(shard));
  }

  private static void check(Path file, String what, int expected, int actual)
      throws FormatException {
    if (expected != actual) {
      throw new FormatException(
          "shard %s: expected %s %d (from the manifest), got %d"
              .formatted(file, what, expected, actual));
    }
  }
}
