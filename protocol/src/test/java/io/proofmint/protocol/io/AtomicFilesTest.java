package io.proofmint.protocol.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  @Test
  void write_createsParentDirectoriesAndReplacesContent() throws IOException {
    Path target = dir.resolve("a/b/manifest.json");
    AtomicFiles.writeString(target, "first");
    AtomicFiles.writeString(target, "second");
    assertThat(Files.readString(target)).isEqualTo("second");
  }

  @Test
  void write_failingWriterLeavesOldContentAndNoTemporaryFile() throws IOException {
    Path target = dir.resolve("checkpoint.bin");
    AtomicFiles.writeString(target, "old");

    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    target,
                    out -> {
                      out.write("partial".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("disk full");
                    }))
        .isInstanceOf(IOException.class)
        .hasMessage("disk full");

    assertThat(Files.readString(target)).isEqualTo("old");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(target);
    }
  }

  @Test
  void writeUnforcedNamed_movesTheStreamedContentToTheNameTheWriterChose() throws IOException {
    Path store = dir.resolve("store");

    Path written =
        AtomicFiles.writeUnforcedNamed(
            store,
            out -> {
              out.write("abc".getBytes(StandardCharsets.UTF_8));
              return store.resolve("name-from-content");
            });

    assertThat(written).isEqualTo(store.resolve("name-from-content").toAbsolutePath());
    assertThat(Files.readString(written)).isEqualTo("abc");
    try (var files = Files.list(store)) {
      assertThat(files).containsExactly(written);
    }
  }

  @Test
  void writeUnforcedNamed_refusesATargetOutsideItsDirectory_andLeavesNothing() throws IOException {
    Path store = dir.resolve("store");

    assertThatThrownBy(
            () ->
                AtomicFiles.writeUnforcedNamed(
                    store,
                    out -> {
                      out.write(1);
                      return dir.resolve("elsewhere");
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a file in " + store.toAbsolutePath());
    assertThat(dir.resolve("elsewhere")).doesNotExist();
    try (var files = Files.list(store)) {
      assertThat(files).isEmpty();
    }
  }
}
