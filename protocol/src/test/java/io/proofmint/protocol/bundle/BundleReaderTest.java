package io.proofmint.protocol.bundle;

import static io.proofmint.protocol.bundle.TestBundles.HEADER;
import static io.proofmint.protocol.bundle.TestBundles.S;
import static io.proofmint.protocol.bundle.TestBundles.checkpoint;
import static io.proofmint.protocol.bundle.TestBundles.segmentRecords;
import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.bundle.BundleValidation.Reason;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.commit.SegmentTree;
import io.proofmint.protocol.crypto.Keccak;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BundleReaderTest {

  private final CheckpointHasher hasher = CheckpointHasher.sequential();
  private final BundleReader reader = new BundleReader(hasher);

  @TempDir Path dir;
  private BundleManifest manifest;

  @BeforeEach
  void writeBundle() throws IOException {
    BundleWriter writer = BundleWriter.open(dir, HEADER, hasher);
    writer.start(checkpoint(0));
    for (int i = 0; i < S; i++) {
      writer.completeSegment(segmentRecords(i), checkpoint(i + 1));
    }
    manifest = writer.finish();
  }

  @Test
  void validate_acceptsIntactBundle() throws IOException {
    BundleValidation validation = reader.validate(dir);
    assertThat(validation.reason()).isEqualTo(Reason.VALID);
    ProofBundle bundle = validation.validBundle().orElseThrow();
    assertThat(bundle.manifest()).isEqualTo(manifest);
    assertThat(bundle.segmentRecords(2)).isEqualTo(segmentRecords(2));
    assertThat(bundle.readCheckpoint(3, hasher)).isEqualTo(checkpoint(3));
    assertThat(
            SegmentTree.verify(bundle.root(), S, HEADER.binding(), bundle.leaf(1), bundle.proof(1))
                .isValid())
        .isTrue();
  }

  @Test
  void validate_reportsMissingManifest() throws IOException {
    Files.delete(BundleLayout.manifest(dir));
    assertThat(reader.validate(dir))
        .extracting(BundleValidation::reason, BundleValidation::file)
        .containsExactly(Reason.MANIFEST_MISSING, BundleLayout.manifest(dir));
  }

  @Test
  void validate_reportsMalformedManifestField() throws IOException {
    Path file = BundleLayout.manifest(dir);
    Files.writeString(file, Files.readString(file).replace("\"segments\" : 4", "\"segments\" : 5"));
    BundleValidation validation = reader.validate(dir);
    assertThat(validation.reason()).isEqualTo(Reason.MANIFEST_MALFORMED);
    assertThat(validation.detail())
        .contains("field 'segments': expected steps / segmentLength = 4, got 5");
  }

  @Test
  void validate_refusesAFieldTheFormatDoesNotHave() throws IOException {
    Path file = BundleLayout.manifest(dir);
    Files.writeString(
        file, Files.readString(file).replace("\"steps\" :", "\"stepz\" : 1,\n  \"steps\" :"));
    BundleValidation validation = reader.validate(dir);
    assertThat(validation.reason()).isEqualTo(Reason.MANIFEST_MALFORMED);
    assertThat(validation.detail()).contains("field 'stepz': expected no such field");
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.0", "8e0", "0.8e1", "08", "+8", "-0", "\"8\"", "null", "-8"})
  void validate_acceptsOnlyThePlainDecimalIntegerForm(String steps) throws IOException {
    Path file = BundleLayout.manifest(dir);
    String text = Files.readString(file);
    assertThat(text).contains("\"steps\" : 8,");
    Files.writeString(file, text.replace("\"steps\" : 8,", "\"steps\" : " + steps + ","));
    assertThat(reader.validate(dir).reason()).isEqualTo(Reason.MANIFEST_MALFORMED);
  }

  @Test
  void validate_refusesAZeroFormatVersionWrittenAsMinusZero() throws IOException {
    Path file = BundleLayout.manifest(dir);
    Files.writeString(
        file, Files.readString(file).replace("\"formatVersion\" : 1", "\"formatVersion\" : -0"));
    BundleValidation validation = reader.validate(dir);
    assertThat(validation.reason()).isEqualTo(Reason.MANIFEST_MALFORMED);
    assertThat(validation.detail()).contains("field 'formatVersion'");
  }

  @Test
  void validate_withSeveralBadFiles_reportsTheFirstInTheOrderOfSection10_6() throws IOException {
    Path c1 = BundleLayout.checkpoint(dir, manifest.checkpoints().get(1));
    Path c3 = BundleLayout.checkpoint(dir, manifest.checkpoints().get(3));
    byte[] bytes = Files.readAllBytes(c3);
    bytes[bytes.length - 2] ^= 4;
    Files.write(c3, bytes);
    Files.delete(c1);
    // C_1 comes before C_3, whatever is wrong with each.
    assertThat(reader.validate(dir))
        .extracting(BundleValidation::reason, BundleValidation::file)
        .containsExactly(Reason.CHECKPOINT_MISSING, c1);

    // Records are checked before any checkpoint.
    Path records = BundleLayout.records(dir);
    Files.writeString(records, Files.readString(records).replace("0x3f800000", "0x3f800001"));
    assertThat(reader.validate(dir).reason()).isEqualTo(Reason.RECORDS_HASH_MISMATCH);

    // And the manifest before the records.
    Path file = BundleLayout.manifest(dir);
    Files.writeString(file, Files.readString(file).replace("\"segments\" : 4", "\"segments\" : 5"));
    assertThat(reader.validate(dir).reason()).isEqualTo(Reason.MANIFEST_MALFORMED);
  }

  @Test
  void validate_reportsChangedRecordsFile() throws IOException {
    Path records = BundleLayout.records(dir);
    Files.writeString(records, Files.readString(records).replace("0x3f800000", "0x3f800001"));
    BundleValidation validation = reader.validate(dir);
    assertThat(validation.reason()).isEqualTo(Reason.RECORDS_HASH_MISMATCH);
    assertThat(validation.file()).isEqualTo(records);
  }

  @Test
  void validate_reportsRootMismatchWhenRecordsAndTheirHashAreBothChanged() throws IOException {
    Path records = BundleLayout.records(dir);
    String changed = Files.readString(records).replace("0x3f800000", "0x3f800001");
    Files.writeString(records, changed);
    Path file = BundleLayout.manifest(dir);
    Files.writeString(
        file,
        Files.readString(file)
            .replace(
                manifest.recordsHash().toHex(),
                Keccak.hash(changed.getBytes(StandardCharsets.UTF_8)).toHex()));
    assertThat(reader.validate(dir).reason()).isEqualTo(Reason.ROOT_MISMATCH);
  }

  @Test
  void validate_reportsTamperedCheckpointFile() throws IOException {
    Path file = BundleLayout.checkpoint(dir, manifest.checkpoints().get(2));
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 2] ^= 4;
    Files.write(file, bytes);
    BundleValidation validation = reader.validate(dir);
    assertThat(validation.reason()).isEqualTo(Reason.CHECKPOINT_HASH_MISMATCH);
    assertThat(validation.file()).isEqualTo(file);
    assertThat(validation.detail())
        .startsWith("checkpoint C_2: expected hash " + manifest.checkpoints().get(2));
  }

  @Test
  void validate_reportsMissingCheckpoint() throws IOException {
    Path file = BundleLayout.checkpoint(dir, manifest.checkpoints().get(4));
    Files.delete(file);
    assertThat(reader.validate(dir))
        .extracting(BundleValidation::reason, BundleValidation::file)
        .containsExactly(Reason.CHECKPOINT_MISSING, file);
  }

  @Test
  void validateSegments_checksOnlyTheCheckpointsOfSampledSegments() throws IOException {
    Files.delete(BundleLayout.checkpoint(dir, manifest.checkpoints().get(4)));
    assertThat(reader.validateSegments(dir, Set.of(0, 1)).isValid()).isTrue();
    assertThat(reader.validateSegments(dir, Set.of(3)).reason())
        .isEqualTo(Reason.CHECKPOINT_MISSING);
  }

  @Test
  void matches_acceptsTheCommittedTaskAndRejectsAnotherHead() throws IOException {
    ProofBundle bundle = reader.validate(dir).validBundle().orElseThrow();
    CommittedTask task =
        new CommittedTask(
            HEADER.binding(),
            manifest.parentCheckpoint(),
            manifest.root(),
            manifest.finalCheckpoint(),
            S);
    assertThat(bundle.matches(task).isValid()).isTrue();
    CommittedTask otherHead =
        new CommittedTask(
            HEADER.binding(),
            Keccak.hashUtf8("another head"),
            manifest.root(),
            manifest.finalCheckpoint(),
            S);
    BundleValidation mismatch = bundle.matches(otherHead);
    assertThat(mismatch.reason()).isEqualTo(Reason.COMMITMENT_MISMATCH);
    assertThat(mismatch.detail())
        .isEqualTo(
            "parent checkpoint C_0: expected %s (on-chain), got %s"
                .formatted(Keccak.hashUtf8("another head"), manifest.parentCheckpoint()));
  }
}
