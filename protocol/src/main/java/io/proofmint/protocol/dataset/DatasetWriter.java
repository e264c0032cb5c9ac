package io.proofmint.protocol.dataset;

import io.proofmint.protocol.crypto.Hash32;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Cuts examples into shards, writes them and the manifest ({@code dataset.json}) last. */
public final class DatasetWriter {

  public static final String MANIFEST = "dataset.json";

  private DatasetWriter() {}

  /**
   * Writes {@code labels.length} examples as shards of at most {@code shardSize} examples into
   * {@code dir}: {@code shard-00000.pmds}, {@code shard-00001.pmds}, ..., then the manifest.
   */
  public static DatasetCommitment write(
      Path dir, int featureCount, int classCount, float[] features, int[] labels, int shardSize)
      throws IOException {
    if (shardSize < 1) {
      throw new IllegalArgumentException("shard size: expected >= 1, got " + shardSize);
    }
    List<ShardEntry> entries = new ArrayList<>();
    for (int from = 0, index = 0; from < labels.length; from += shardSize, index++) {
      int to = Math.min(labels.length, from + shardSize);
      Examples shard =
          Examples.of(
              featureCount,
              classCount,
              Arrays.copyOfRange(features, from * featureCount, to * featureCount),
              Arrays.copyOfRange(labels, from, to));
      String name = "shard-%05d.pmds".formatted(index);
      Hash32 hash = ShardFiles.write(dir.resolve(name), shard);
      entries.add(ShardEntry.of(name, hash, shard.size()));
    }
    DatasetCommitment dataset = DatasetCommitment.of(featureCount, classCount, entries);
    DatasetManifest.write(dir.resolve(MANIFEST), dataset);
    return dataset;
  }
}
