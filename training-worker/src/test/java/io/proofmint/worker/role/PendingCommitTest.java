package io.proofmint.worker.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.wrappers.TxSubmitter;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingCommitTest {

  @TempDir Path dir;

  private final PendingCommit pending =
      PendingCommit.of(
          BigInteger.valueOf(7),
          Keccak.hashUtf8("root"),
          new TxSubmitter.Signed("0x" + "ab".repeat(32), 12, "0x02f8"));

  @Test
  void writeThenRead_givesTheSameCommit_andTheSameSignedTransaction() throws IOException {
    Path file = dir.resolve(PendingCommit.FILE);

    pending.write(file);

    assertThat(PendingCommit.read(file)).contains(pending);
    assertThat(PendingCommit.read(file).orElseThrow().signed())
        .isEqualTo(new TxSubmitter.Signed("0x" + "ab".repeat(32), 12, "0x02f8"));
  }

  @Test
  void read_ofNoFile_isEmpty_andDeleteRemovesTheJournal() throws IOException {
    Path file = dir.resolve(PendingCommit.FILE);
    assertThat(PendingCommit.read(file)).isEmpty();

    pending.write(file);
    PendingCommit.delete(file);

    assertThat(PendingCommit.read(file)).isEmpty();
  }

  @Test
  void read_rejectsAnAlteredJournal_namingTheFile() throws IOException {
    Path file = dir.resolve(PendingCommit.FILE);
    pending.write(file);
    Files.writeString(file, Files.readString(file).replace("\"nonce\"", "\"n\""));

    assertThatThrownBy(() -> PendingCommit.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("pending commit journal " + file + " is not valid");
  }
}
