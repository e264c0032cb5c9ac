package io.proofmint.protocol.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.io.FormatException;
import io.proofmint.protocol.io.HashMismatchException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFilesTest {

  private final CheckpointHasher hasher = CheckpointHasher.sequential();

  @TempDir Path dir;

  @Test
  void write_returnsHashOfWrittenBytes() throws IOException {
    Checkpoint checkpoint = TestCheckpoints.ofSize(50_000, 1);
    Path file = dir.resolve("c.ckpt");
    Hash32 hash = CheckpointFiles.write(file, checkpoint, hasher);
    assertThat(hash).isEqualTo(hasher.hash(Files.readAllBytes(file)));
    assertThat(CheckpointFiles.readVerified(file, hash, hasher)).isEqualTo(checkpoint);
    assertThat(CheckpointFiles.readHeader(file)).isEqualTo(checkpoint.header());
  }

  @Test
  void readVerified_rejectsChangedFileNamingFileExpectedAndActual() throws IOException {
    Checkpoint checkpoint = TestCheckpoints.small(3, 1);
    Path file = dir.resolve("c.ckpt");
    Hash32 hash = CheckpointFiles.write(file, checkpoint, hasher);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] ^= 1;
    Files.write(file, bytes);
    Hash32 actual = hasher.hash(bytes);
    assertThatThrownBy(() -> CheckpointFiles.readVerified(file, hash, hasher))
        .isInstanceOf(HashMismatchException.class)
        .hasMessage("checkpoint %s: expected hash %s, got %s".formatted(file, hash, actual));
  }

  @Test
  void read_errorNamesTheFile() throws IOException {
    Path file = dir.resolve("short.ckpt");
    Files.write(file, new byte[] {'P', 'M'});
    assertThatThrownBy(() -> CheckpointFiles.read(file))
        .isInstanceOf(FormatException.class)
        .hasMessage(
            "checkpoint %s at offset 2: truncated reading magic: expected 4 bytes, got 2"
                .formatted(file));
  }
}
