package io.proofmint.protocol.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.commit.MerkleProofCheck;
import io.proofmint.protocol.commit.PositionalMerkleTree;
import io.proofmint.protocol.crypto.AbiEncoder;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.io.FormatException;
import io.proofmint.protocol.io.HashMismatchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {

  @TempDir Path dir;

  /** 10 examples of 2 features, label = index mod 3, feature = index and -index. */
  static DatasetCommitment writeTen(Path dir) throws IOException {
    float[] features = new float[20];
    int[] labels = new int[10];
    for (int i = 0; i < 10; i++) {
      features[2 * i] = i;
      features[2 * i + 1] = -i;
      labels[i] = i % 3;
    }
    return DatasetWriter.write(dir, 2, 3, features, labels, 4);
  }

  @Test
  void write_cutsShardsAndLoadFindsEveryExample() throws IOException {
    DatasetCommitment written = writeTen(dir);
    assertThat(written.shards()).extracting(ShardEntry::exampleCount).containsExactly(4, 4, 2);
    Dataset dataset = Dataset.load(dir.resolve(DatasetWriter.MANIFEST));
    assertThat(dataset.commitment()).isEqualTo(written);
    assertThat(dataset.size()).isEqualTo(10);
    float[] row = new float[2];
    for (int i = 0; i < 10; i++) {
      dataset.copyFeatures(i, row, 0);
      assertThat(row).containsExactly(i, -i);
      assertThat(dataset.label(i)).isEqualTo(i % 3);
    }
  }

  @Test
  void root_isBoundShardTreeOverLeaves() throws IOException {
    DatasetCommitment dataset = writeTen(dir);
    List<Hash32> leaves =
        List.of(
            dataset.shards().get(0).leaf(0),
            dataset.shards().get(1).leaf(1),
            dataset.shards().get(2).leaf(2));
    Hash32 shardRoot = PositionalMerkleTree.rootOf(leaves);
    Hash32 expected =
        Keccak.hash(
            new byte[] {2},
            AbiEncoder.create()
                .bytes32(DatasetCommitment.DOMAIN)
                .bytes32(shardRoot)
                .uint256(3)
                .uint256(10)
                .uint256(2)
                .uint256(3)
                .toBytes());
    assertThat(dataset.root()).isEqualTo(expected);
    ShardEntry first = dataset.shards().get(0);
    assertThat(first.leaf(0))
        .isEqualTo(
            Keccak.hash(
                new byte[] {0},
                AbiEncoder.create()
                    .bytes32(ShardEntry.LEAF_DOMAIN)
                    .uint256(0)
                    .bytes32(first.hash())
                    .uint256(4)
                    .toBytes()));
  }

  @Test
  void root_changesWithOrderCountsOrShape() throws IOException {
    DatasetCommitment dataset = writeTen(dir);
    List<ShardEntry> s = dataset.shards();
    assertThat(DatasetCommitment.of(2, 3, List.of(s.get(1), s.get(0), s.get(2))).root())
        .isNotEqualTo(dataset.root());
    assertThat(DatasetCommitment.of(2, 4, s).root()).isNotEqualTo(dataset.root());
    ShardEntry recounted = ShardEntry.of(s.get(2).file(), s.get(2).hash(), 3);
    assertThat(DatasetCommitment.of(2, 3, List.of(s.get(0), s.get(1), recounted)).root())
        .isNotEqualTo(dataset.root());
  }

  @Test
  void shardOf_mapsGlobalIndexToShard() throws IOException {
    DatasetCommitment dataset = writeTen(dir);
    assertThat(dataset.shardOf(0)).isZero();
    assertThat(dataset.shardOf(3)).isZero();
    assertThat(dataset.shardOf(4)).isEqualTo(1);
    assertThat(dataset.shardOf(9)).isEqualTo(2);
    assertThatThrownBy(() -> dataset.shardOf(10))
        .hasMessage("example 10: expected 0 <= index < 10");
  }

  @Test
  void shardProof_verifiesAgainstDatasetRoot() throws IOException {
    DatasetCommitment d = writeTen(dir);
    for (int i = 0; i < 3; i++) {
      assertThat(
              DatasetCommitment.verifyShard(
                      d.root(), 3, 10, 2, 3, i, d.shards().get(i), d.shardProof(i))
                  .isValid())
          .isTrue();
    }
    MerkleProofCheck wrongTotal =
        DatasetCommitment.verifyShard(d.root(), 3, 11, 2, 3, 0, d.shards().get(0), d.shardProof(0));
    assertThat(wrongTotal.reason()).isEqualTo(MerkleProofCheck.Reason.ROOT_MISMATCH);
  }

  @Test
  void load_rejectsTamperedShardNamingFileExpectedAndActual() throws IOException {
    DatasetCommitment dataset = writeTen(dir);
    Path shard = dir.resolve("shard-00001.pmds");
    byte[] bytes = Files.readAllBytes(shard);
    bytes[bytes.length - 1] = 1;
    Files.write(shard, bytes);
    assertThatThrownBy(() -> Dataset.load(dir.resolve(DatasetWriter.MANIFEST)))
        .isInstanceOf(HashMismatchException.class)
        .hasMessage(
            "shard %s: expected hash %s, got %s"
                .formatted(shard, dataset.shards().get(1).hash(), Keccak.hash(bytes)));
  }

  @Test
  void manifest_rejectsStatedRootThatDoesNotRecompute() throws IOException {
    writeTen(dir);
    Path manifest = dir.resolve(DatasetWriter.MANIFEST);
    String json = Files.readString(manifest);
    String changed = json.replace("\"totalExamples\" : 10", "\"totalExamples\" : 11");
    Files.writeString(manifest, changed, StandardCharsets.UTF_8);
    assertThatThrownBy(() -> DatasetManifest.read(manifest))
        .isInstanceOf(FormatException.class)
        .hasMessage(
            "%s: field 'totalExamples': expected the sum of shard examples 10, got 11"
                .formatted(manifest));
  }

  @Test
  void manifest_rejectsPathsOutsideItsDirectory() throws IOException {
    writeTen(dir);
    Path manifest = dir.resolve(DatasetWriter.MANIFEST);
    Files.writeString(
        manifest, Files.readString(manifest).replace("shard-00000.pmds", "../x.pmds"));
    assertThatThrownBy(() -> DatasetManifest.read(manifest))
        .hasMessageContaining("field 'shards[0].file': expected a plain file name");
  }
}
