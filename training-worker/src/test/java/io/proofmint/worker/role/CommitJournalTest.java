package io.proofmint.worker.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.worker.role.CommitJournal.CommitOf;
import io.proofmint.wrappers.tx.FileTxJournal;
import io.proofmint.wrappers.tx.JournaledTx;
import io.proofmint.wrappers.tx.TxFate;
import io.proofmint.wrappers.tx.TxSubmitter;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitJournalTest {

  @TempDir Path dir;

  private final JournaledTx<CommitOf> pending =
      JournaledTx.of(
          new TxSubmitter.Signed("0x" + "ab".repeat(32), 12, "0x02f8"),
          new CommitOf(BigInteger.valueOf(7), Keccak.hashUtf8("root")));

  @Test
  void writeThenRead_givesTheSameCommit_andTheSameSignedTransaction() throws IOException {
    FileTxJournal<CommitOf> journal = CommitJournal.at(dir.resolve(CommitJournal.FILE));

    journal.record(pending);

    assertThat(journal.read()).contains(pending);
    assertThat(journal.read().orElseThrow().signed())
        .isEqualTo(new TxSubmitter.Signed("0x" + "ab".repeat(32), 12, "0x02f8"));
  }

  @Test
  void theFileKeepsItsFormat_soAJournalOfAnEarlierVersionResumes() throws IOException {
    Path file = dir.resolve(CommitJournal.FILE);
    String earlier =
        "{\n"
            + "  \"taskId\" : \"7\",\n"
            + "  \"root\" : \""
            + Keccak.hashUtf8("root").toHex()
            + "\",\n"
            + "  \"txHash\" : \"0x"
            + "ab".repeat(32)
            + "\",\n"
            + "  \"nonce\" : 12,\n"
            + "  \"raw\" : \"0x02f8\"\n"
            + "}\n";

    CommitJournal.at(file).record(pending);

    assertThat(Files.readString(file)).isEqualTo(earlier);
    assertThat(CommitJournal.at(file).read()).contains(pending);
  }

  @Test
  void read_ofNoFile_isEmpty_andSettlingRemovesTheJournal() throws IOException {
    FileTxJournal<CommitOf> journal = CommitJournal.at(dir.resolve(CommitJournal.FILE));
    assertThat(journal.read()).isEmpty();

    journal.record(pending);
    assertThat(journal.unresolved()).containsExactly(pending);
    journal.settle(pending, TxFate.MINED, null, null);

    assertThat(journal.read()).isEmpty();
    assertThat(journal.unresolved()).isEmpty();
  }

  @Test
  void read_rejectsAnAlteredJournal_namingTheFile() throws IOException {
    Path file = dir.resolve(CommitJournal.FILE);
    CommitJournal.at(file).record(pending);
    Files.writeString(file, Files.readString(file).replace("\"nonce\"", "\"n\""));

    assertThatThrownBy(() -> CommitJournal.at(file).read())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("pending commit journal " + file + " is not valid");
  }
}
