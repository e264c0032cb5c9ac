package io.proofmint.settlement.keeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.settlement.db.Database;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IntentJournalTest {

  private Database db;
  private final IntentJournal journal = new IntentJournal();

  @BeforeEach
  void open() throws Exception {
    db = Database.open(Database.h2MemoryUrl("journal-" + System.nanoTime()));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void preparedIntent_blocksItsSubjects_untilSettled() throws Exception {
    record("0xaa", IntentKind.FINALIZE, 4, List.of("task:7"));
    record("0xbb", IntentKind.REDEEM, 5, List.of("channel:0x1:0x2", "channel:0x3:0x2"));

    assertThat(blocked()).containsExactlyInAnyOrder("task:7", "channel:0x1:0x2", "channel:0x3:0x2");
    assertThat(db.transaction(journal::unresolved))
        .extracting(Intent::txHash)
        .containsExactly("0xaa", "0xbb");

    settle("0xaa", IntentState.MINED);
    settle("0xaa", IntentState.DROPPED); // a final state is never overwritten

    assertThat(blocked()).containsExactlyInAnyOrder("channel:0x1:0x2", "channel:0x3:0x2");
    List<Intent> all = db.transaction(journal::all);
    assertThat(all.get(0).state()).isEqualTo(IntentState.MINED);
    assertThat(all.get(1).subjects()).hasSize(2);
  }

  private java.util.Set<String> blocked() throws Exception {
    return db.transaction(journal::blockedSubjects);
  }

  private void record(String hash, IntentKind kind, long nonce, List<String> subjects)
      throws Exception {
    Intent intent =
        new Intent(hash, kind, "0xkeeper", nonce, IntentState.PREPARED, nonce, subjects, "test");
    db.transaction(
        c -> {
          journal.record(c, intent);
          return null;
        });
  }

  private void settle(String hash, IntentState state) throws Exception {
    db.transaction(
        c -> {
          journal.settle(c, hash, state, 21_000L, 99, null);
          return null;
        });
  }
}
