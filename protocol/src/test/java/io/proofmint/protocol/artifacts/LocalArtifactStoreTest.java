package io.proofmint.protocol.artifacts;

import static io.proofmint.protocol.artifacts.ArtifactTestSupport.checkpoint;
import static io.proofmint.protocol.artifacts.ArtifactTestSupport.filesUnder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.proofmint.protocol.artifacts.LocalArtifactStore.ReadCheck;
import io.proofmint.protocol.checkpoint.CheckpointFiles;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.io.HashMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalArtifactStoreTest {

  private static final byte[] BYTES = "step,batchHash,lossBits\n".getBytes(StandardCharsets.UTF_8);

  private final CheckpointHasher hasher = CheckpointHasher.sequential();

  @TempDir Path root;
  @TempDir Path work;

  @Test
  void put_blobIsAddressedByKeccakAndReadsBackTheSameBytes() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(root);
    Hash32 hash = store.put(ArtifactKind.BLOB, BYTES);

    assertThat(hash).isEqualTo(Keccak.hash(BYTES));
    assertThat(store.contains(ArtifactKind.BLOB, hash)).isTrue();
    Path file = store.path(ArtifactKind.BLOB, hash).orElseThrow();
    assertThat(file).isEqualTo(root.resolve("blob").resolve(hash.toHex().substring(2)));
    assertThat(file).hasBinaryContent(BYTES);
    try (InputStream in = store.open(ArtifactKind.BLOB, hash).orElseThrow()) {
      assertThat(in.readAllBytes()).isEqualTo(BYTES);
    }
  }

  @Test
  void putExpected_onTheSameFileSystem_storesALinkToTheSource_notACopy() throws IOException {
    Path source = work.resolve("c.ckpt");
    Hash32 expected = CheckpointFiles.write(source, checkpoint(3), hasher);
    assumeTrue(Files.getFileStore(source).equals(Files.getFileStore(root)), "one file system");
    LocalArtifactStore store = new LocalArtifactStore(root);

    store.putExpected(ArtifactKind.CHECKPOINT, source, expected);

    Path stored = store.path(ArtifactKind.CHECKPOINT, expected).orElseThrow();
    assertThat(Files.isSameFile(stored, source)).isTrue();
    assertThat(filesUnder(root)).containsExactly(stored); // no temporary link left behind
    Files.delete(source); // the bundle directory may go; the stored artifact stays
    assertThat(hasher.hash(stored)).isEqualTo(expected);
  }

  @Test
  void putExpected_ofAFileThatHashesOtherwise_storesNothing_andNamesTheFile() throws IOException {
    Path source = work.resolve("c.ckpt");
    Hash32 actual = CheckpointFiles.write(source, checkpoint(3), hasher);
    Hash32 expected = hasher.hash(checkpoint(4));
    LocalArtifactStore store = new LocalArtifactStore(root);

    assertThatThrownBy(() -> store.putExpected(ArtifactKind.CHECKPOINT, source, expected))
        .isInstanceOfSatisfying(
            HashMismatchException.class,
            e -> {
              assertThat(e.file()).isEqualTo(source);
              assertThat(e.expected()).isEqualTo(expected);
              assertThat(e.actual()).isEqualTo(actual);
            });
    assertThat(filesUnder(root)).isEmpty();
    assertThat(source).exists();
  }

  @Test
  void putExpected_ofAnArtifactAlreadyStored_keepsIt_andAMissingSourceIsAnError()
      throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(root);
    Hash32 hash = store.put(ArtifactKind.BLOB, BYTES);
    Path gone = work.resolve("gone");

    store.putExpected(ArtifactKind.BLOB, gone, hash); // nothing to do: stored already

    assertThatThrownBy(() -> store.putExpected(ArtifactKind.BLOB, gone, Keccak.hashUtf8("other")))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(gone.toString());
    assertThat(filesUnder(root)).hasSize(1);
  }

  @Test
  void put_checkpointFileIsAddressedByItsCheckpointHashNotByKeccak() throws IOException {
    Path source = work.resolve("c.ckpt");
    Hash32 expected = CheckpointFiles.write(source, checkpoint(3), hasher);
    LocalArtifactStore store = new LocalArtifactStore(root);

    Hash32 hash = store.put(ArtifactKind.CHECKPOINT, source);

    assertThat(hash).isEqualTo(expected).isNotEqualTo(Keccak.hash(Files.readAllBytes(source)));
    assertThat(store.path(ArtifactKind.CHECKPOINT, hash).orElseThrow())
        .isEqualTo(root.resolve("checkpoint").resolve(hash.toHex().substring(2)))
        .hasSameBinaryContentAs(source);
    assertThat(store.contains(ArtifactKind.BLOB, hash)).isFalse();
  }

  @Test
  void put_isIdempotentAndKeepsTheArtifactAlreadyStored() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(root);
    Hash32 first = store.put(ArtifactKind.BLOB, BYTES);
    Path file = store.location(ArtifactKind.BLOB, first);
    FileTime old = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(file, old);

    Path copy = work.resolve("copy");
    Files.write(copy, BYTES);
    Hash32 second = store.put(ArtifactKind.BLOB, copy);

    assertThat(second).isEqualTo(first);
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(old);
    assertThat(filesUnder(root)).containsExactly(file);
  }

  @Test
  void put_leavesNoTemporaryFilesAndAnEmptyBlobIsAnArtifactToo() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(root);
    Hash32 empty = store.put(ArtifactKind.BLOB, new byte[0]);
    Hash32 some = store.put(ArtifactKind.BLOB, BYTES);

    assertThat(empty).isEqualTo(Keccak.hash(new byte[0]));
    assertThat(filesUnder(root))
        .containsExactlyInAnyOrder(
            store.location(ArtifactKind.BLOB, empty), store.location(ArtifactKind.BLOB, some));
  }

  @Test
  void absentArtifact_isNotContainedAndHasNoPathOrStream() throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(root);
    Hash32 hash = Keccak.hashUtf8("absent");

    assertThat(store.contains(ArtifactKind.BLOB, hash)).isFalse();
    assertThat(store.path(ArtifactKind.BLOB, hash)).isEmpty();
    assertThat(store.open(ArtifactKind.BLOB, hash)).isEmpty();
  }

  @Test
  void path_withVerifyOnRead_rejectsAFileThatNoLongerHashesToItsName() throws IOException {
    LocalArtifactStore verifying = new LocalArtifactStore(root, hasher, ReadCheck.VERIFY);
    Hash32 hash = verifying.put(ArtifactKind.BLOB, BYTES);
    Path file = verifying.location(ArtifactKind.BLOB, hash);
    Files.write(file, "damaged".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> verifying.path(ArtifactKind.BLOB, hash))
        .isInstanceOfSatisfying(
            HashMismatchException.class,
            e -> {
              assertThat(e.file()).isEqualTo(file);
              assertThat(e.expected()).isEqualTo(hash);
              assertThat(e.actual()).isEqualTo(Keccak.hashUtf8("damaged"));
            })
        .hasMessage(
            "blob artifact %s: expected hash %s, got %s"
                .formatted(file, hash, Keccak.hashUtf8("damaged")));
    assertThat(new LocalArtifactStore(root).path(ArtifactKind.BLOB, hash)).contains(file);
  }

  @Test
  void put_withVerifyOnRead_replacesAStoredFileThatWasDamaged() throws IOException {
    LocalArtifactStore verifying = new LocalArtifactStore(root, hasher, ReadCheck.VERIFY);
    Hash32 hash = verifying.put(ArtifactKind.BLOB, BYTES);
    Path file = verifying.location(ArtifactKind.BLOB, hash);
    Files.write(file, "damaged".getBytes(StandardCharsets.UTF_8));

    assertThat(verifying.put(ArtifactKind.BLOB, BYTES)).isEqualTo(hash);

    assertThat(verifying.path(ArtifactKind.BLOB, hash).orElseThrow()).hasBinaryContent(BYTES);
    assertThat(filesUnder(root)).containsExactly(file);
  }
}
