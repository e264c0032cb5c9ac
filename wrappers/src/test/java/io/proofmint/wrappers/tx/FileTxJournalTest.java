package io.proofmint.wrappers.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTxJournalTest {

  private static final FileTxJournal.SubjectCodec<String> LABEL =
      new FileTxJournal.SubjectCodec<>() {
        @Override
        public List<String> fields() {
          return List.of("label");
        }

        @Override
        public Map<String, String> write(String subject) {
          return Map.of("label", subject);
        }

        @Override
        public String read(Map<String, String> fields) {
          return fields.get("label");
        }
      };

  @TempDir Path dir;

  private FileTxJournal<String> journal() {
    return new FileTxJournal<>(dir.resolve("tx.json"), "test", LABEL);
  }

  @Test
  void record_replacesTheTransactionBefore_soTheFileHoldsTheLatestOnly() throws IOException {
    JournaledTx<String> first = new JournaledTx<>("0x01", 3, "0xaa", "first");
    JournaledTx<String> second = new JournaledTx<>("0x02", 4, "0xbb", "second");

    journal().record(first);
    journal().record(second);

    assertThat(journal().unresolved()).containsExactly(second);
    assertThat(dir).isDirectoryNotContaining("glob:**.tmp*");
  }

  @Test
  void record_ofATransactionWithoutItsSignedBytes_isRefused() {
    assertThatThrownBy(() -> journal().record(new JournaledTx<>("0x01", 3, null, "first")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("transaction 0x01: its journal keeps no signed bytes");
    assertThat(dir.resolve("tx.json")).doesNotExist();
  }

  @Test
  void read_refusesANonceThatIsNoInteger_namingTheJournal() throws IOException {
    journal().record(new JournaledTx<>("0x01", 3, "0xaa", "first"));
    Path file = dir.resolve("tx.json");
    Files.writeString(file, Files.readString(file).replace("\"nonce\" : 3", "\"nonce\" : \"3\""));

    assertThatThrownBy(() -> journal().read())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("test journal " + file + " is not valid (nonce: expected an integer");
  }
}
