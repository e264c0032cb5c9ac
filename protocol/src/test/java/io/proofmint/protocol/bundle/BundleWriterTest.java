package io.proofmint.protocol.bundle;

import static io.proofmint.protocol.bundle.TestBundles.HEADER;
import static io.proofmint.protocol.bundle.TestBundles.S;
import static io.proofmint.protocol.bundle.TestBundles.checkpoint;
import static io.proofmint.protocol.bundle.TestBundles.segmentRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.checkpoint.ParallelLoop;
import io.proofmint.protocol.commit.SegmentTree;
import io.proofmint.protocol.commit.StepRecord;
import io.proofmint.protocol.crypto.Hash32;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleWriterTest {

  private final CheckpointHasher hasher = CheckpointHasher.sequential();

  @TempDir Path dir;

  private BundleManifest writeAll(Path bundle) throws IOException {
    BundleWriter writer = BundleWriter.open(bundle, HEADER, hasher);
    writer.start(checkpoint(0));
    for (int i = 0; i < S; i++) {
      writer.completeSegment(segmentRecords(i), checkpoint(i + 1));
    }
    return writer.finish();
  }

  @Test
  void finish_writesManifestWhoseRootMatchesTheSegmentTree() throws IOException {
    BundleManifest manifest = writeAll(dir);
    List<StepRecord> records = new ArrayList<>();
    List<Hash32> checkpoints = new ArrayList<>();
    checkpoints.add(hasher.hash(checkpoint(0)));
    for (int i = 0; i < S; i++) {
      records.addAll(segmentRecords(i));
      checkpoints.add(hasher.hash(checkpoint(i + 1)));
    }
    SegmentTree tree =
        SegmentTree.fromRecords(HEADER.binding(), TestBundles.K, records, checkpoints);
    assertThat(manifest.root()).isEqualTo(tree.root());
    assertThat(manifest.checkpoints()).isEqualTo(checkpoints);
    assertThat(manifest.finalCheckpoint()).isEqualTo(checkpoints.get(S));
    assertThat(Files.exists(BundleLayout.manifest(dir))).isTrue();
    assertThat(Files.exists(dir.resolve(BundleLayout.PROGRESS))).isFalse();
    for (Hash32 hash : checkpoints) {
      assertThat(BundleLayout.checkpoint(dir, hash)).exists();
    }
  }

  @Test
  void completeSegment_withTheCallersHash_writesTheSameBundle() throws IOException {
    BundleManifest hashedHere = writeAll(dir.resolve("a"));

    BundleWriter writer = BundleWriter.open(dir.resolve("b"), HEADER, hasher);
    writer.start(checkpoint(0));
    for (int i = 0; i < S; i++) {
      Hash32 end = hasher.hash(checkpoint(i + 1), ParallelLoop.SEQUENTIAL);
      assertThat(writer.completeSegment(segmentRecords(i), checkpoint(i + 1), end)).isEqualTo(end);
    }
    assertThat(writer.finish()).isEqualTo(hashedHere);
    assertThat(new BundleReader(hasher).validate(dir.resolve("b")).isValid()).isTrue();
  }

  @Test
  void completeSegment_underAWrongCallerHash_isDroppedWhenTheBundleIsResumed() throws IOException {
    Path bundle = dir.resolve("b");
    BundleWriter first = BundleWriter.open(bundle, HEADER, hasher);
    first.start(checkpoint(0));
    first.completeSegment(segmentRecords(0), checkpoint(1));
    first.completeSegment(segmentRecords(1), checkpoint(2), hasher.hash(checkpoint(3)));

    BundleWriter resumed = BundleWriter.open(bundle, HEADER, hasher);
    assertThat(resumed.segmentsDone()).isEqualTo(1);
    assertThat(resumed.lastCheckpoint()).isEqualTo(hasher.hash(checkpoint(1)));
  }

  @Test
  void open_resumesAfterLastCompleteSegmentAndEndsWithTheSameManifest() throws IOException {
    BundleManifest uninterrupted = writeAll(dir.resolve("a"));

    Path bundle = dir.resolve("b");
    BundleWriter first = BundleWriter.open(bundle, HEADER, hasher);
    first.start(checkpoint(0));
    first.completeSegment(segmentRecords(0), checkpoint(1));
    first.completeSegment(segmentRecords(1), checkpoint(2));
    // the process dies here

    BundleWriter resumed = BundleWriter.open(bundle, HEADER, hasher);
    assertThat(resumed.segmentsDone()).isEqualTo(2);
    assertThat(resumed.lastCheckpoint()).isEqualTo(hasher.hash(checkpoint(2)));
    assertThat(resumed.records()).hasSize(4);
    resumed.start(checkpoint(0)); // idempotent: same parent
    resumed.completeSegment(segmentRecords(2), checkpoint(3));
    resumed.completeSegment(segmentRecords(3), checkpoint(4));
    assertThat(resumed.finish()).isEqualTo(uninterrupted);
  }

  @Test
  void open_dropsSegmentWhoseEndCheckpointIsCorrupt() throws IOException {
    BundleWriter first = BundleWriter.open(dir, HEADER, hasher);
    first.start(checkpoint(0));
    first.completeSegment(segmentRecords(0), checkpoint(1));
    Hash32 second = first.completeSegment(segmentRecords(1), checkpoint(2));
    Path file = BundleLayout.checkpoint(dir, second);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] ^= 1;
    Files.write(file, bytes);

    BundleWriter resumed = BundleWriter.open(dir, HEADER, hasher);
    assertThat(resumed.segmentsDone()).isEqualTo(1);
    assertThat(BundleLayout.progressSegment(dir, 1)).doesNotExist();
    assertThat(resumed.completeSegment(segmentRecords(1), checkpoint(2))).isEqualTo(second);
    assertThat(hasher.hash(file)).isEqualTo(second); // rewritten
  }

  @Test
  void open_dropsTruncatedJournalEntry() throws IOException {
    BundleWriter first = BundleWriter.open(dir, HEADER, hasher);
    first.start(checkpoint(0));
    first.completeSegment(segmentRecords(0), checkpoint(1));
    first.completeSegment(segmentRecords(1), checkpoint(2));
    Path journal = BundleLayout.progressSegment(dir, 1);
    byte[] bytes = Files.readAllBytes(journal);
    Files.write(journal, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    assertThat(BundleWriter.open(dir, HEADER, hasher).segmentsDone()).isEqualTo(1);
  }

  @Test
  void
      putCheckpoint_writesTheFileUnderItsHash_repairingADamagedOneOfThatName_leavingNoTemporaryFile()
          throws IOException {
    BundleWriter writer = BundleWriter.open(dir, HEADER, hasher);
    Hash32 hash = writer.putCheckpoint(checkpoint(0));
    Path file = BundleLayout.checkpoint(dir, hash);
    assertThat(hasher.hash(file)).isEqualTo(hash);
    byte[] good = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(good, good.length / 2));

    assertThat(writer.putCheckpoint(checkpoint(0))).isEqualTo(hash);

    assertThat(Files.readAllBytes(file)).isEqualTo(good);
    try (var files = Files.list(BundleLayout.checkpointDir(dir))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly(file.getFileName().toString());
    }
  }

  @Test
  void open_refusesProgressOfAnotherTask() throws IOException {
    BundleWriter.open(dir, HEADER, hasher).start(checkpoint(0));
    BundleHeader other =
        new BundleHeader(
            HEADER.binding(),
            HEADER.specHash(),
            HEADER.datasetRoot(),
            "another-profile",
            HEADER.steps(),
            HEADER.segmentLength());
    assertThatThrownBy(() -> BundleWriter.open(dir, other, hasher))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("progress/header.json");
  }

  @Test
  void completeSegment_rejectsRecordsOfWrongStepsAndWrongEndStep() throws IOException {
    BundleWriter writer = BundleWriter.open(dir, HEADER, hasher);
    writer.start(checkpoint(0));
    assertThatThrownBy(() -> writer.completeSegment(segmentRecords(1), checkpoint(1)))
        .hasMessage("segment 0 record 0: expected step 0, got 2");
    assertThatThrownBy(() -> writer.completeSegment(segmentRecords(0), checkpoint(2)))
        .hasMessage("segment 0: expected end checkpoint at model step 102, got 104");
  }

  @Test
  void finish_refusesIncompleteBundle() throws IOException {
    BundleWriter writer = BundleWriter.open(dir, HEADER, hasher);
    writer.start(checkpoint(0));
    assertThatThrownBy(writer::finish)
        .hasMessage("bundle %s: expected 4 complete segments, got 0".formatted(dir));
  }

  @Test
  void open_onCompleteBundleIsFinishedAndReturnsItsManifest() throws IOException {
    BundleManifest written = writeAll(dir);
    BundleWriter reopened = BundleWriter.open(dir, HEADER, hasher);
    assertThat(reopened.isFinished()).isTrue();
    assertThat(reopened.segmentsDone()).isEqualTo(S);
    assertThat(reopened.finish()).isEqualTo(written);
  }
}
