package io.proofmint.settlement.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.settlement.db.Database;
import io.proofmint.settlement.index.IndexedEvent.TaskEvent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TaskIndexTest {

  private static final String V1 = "0x00000000000000000000000000000000000000c1";
  private static final String V2 = "0x00000000000000000000000000000000000000c2";
  private static final String C1 = "0x00000000000000000000000000000000000000d1";
  private static final String C2 = "0x00000000000000000000000000000000000000d2";

  private Database db;
  private final IndexStore store = new IndexStore();
  private final TaskIndex tasks = new TaskIndex();
  private final List<IndexedEvent> events = new ArrayList<>();
  private long block;

  @BeforeEach
  void open() throws Exception {
    db = Database.open(Database.h2MemoryUrl("tasks-" + System.nanoTime()));
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void actionable_followsEachTaskToItsLatestStatus() throws Exception {
    event(1, TaskEventKind.CREATED, null, null, null, List.of());
    event(2, TaskEventKind.CREATED, null, null, null, List.of());
    event(2, TaskEventKind.CLAIMED, 5_000L, null, null, List.of());
    event(3, TaskEventKind.CLAIMED, 5_000L, null, null, List.of());
    event(3, TaskEventKind.COMMITTED, 6_000L, null, null, List.of());
    event(3, TaskEventKind.SEED_DRAWN, null, null, null, List.of());
    event(3, TaskEventKind.ATTESTED, 7_000L, 1, null, List.of(V1, V2));
    event(4, TaskEventKind.ATTESTED, 7_000L, 1, null, List.of(V1, V2));
    event(4, TaskEventKind.FINALIZED, null, null, null, List.of());
    event(5, TaskEventKind.ATTESTED, 7_000L, 1, null, List.of(V1, V2));
    event(5, TaskEventKind.FINALIZED, null, null, null, List.of());
    event(5, TaskEventKind.REWARDS_PAID, null, null, null, List.of());
    flush();

    List<IndexedTask> actionable = db.transaction(tasks::actionable);

    assertThat(actionable)
        .extracting(t -> t.taskId().intValue(), IndexedTask::status, IndexedTask::deadline)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, TaskEventKind.CLAIMED, 5_000L),
            org.assertj.core.groups.Tuple.tuple(3, TaskEventKind.ATTESTED, 7_000L),
            org.assertj.core.groups.Tuple.tuple(4, TaskEventKind.FINALIZED, null));
    assertThat(actionable.get(2).attesters()).containsExactly(V1, V2);
  }

  @Test
  void overturnedDispute_makesTheCommitteeTheStandingAttesters() throws Exception {
    event(7, TaskEventKind.ATTESTED, 7_000L, 1, null, List.of(V1, V2));
    event(7, TaskEventKind.DISPUTED, 10_600L, null, null, List.of());
    event(7, TaskEventKind.RESOLVED, 7_300L, 2, true, List.of(C1, C2));
    event(8, TaskEventKind.ATTESTED, 7_000L, 1, null, List.of(V1, V2));
    event(8, TaskEventKind.DISPUTED, 10_600L, null, null, List.of());
    event(8, TaskEventKind.RESOLVED, null, 1, false, List.of(C1, C2));
    flush();

    IndexedTask overturned =
        db.transaction(c -> tasks.task(c, BigInteger.valueOf(7))).orElseThrow();
    IndexedTask upheld = db.transaction(c -> tasks.task(c, BigInteger.valueOf(8))).orElseThrow();

    assertThat(overturned.attesters()).containsExactly(C1, C2);
    assertThat(overturned.deadline()).isEqualTo(7_300L);
    assertThat(upheld.attesters()).containsExactly(V1, V2);
    assertThat(upheld.deadline()).as("upheld: the attested window end stands").isEqualTo(7_000L);
  }

  @Test
  void unavailableVerdict_settlesLikeARejection_andItsOverturnMakesTheCommitteeStand()
      throws Exception {
    // verdict 3 = UNAVAILABLE: rejected at finalize; the attesters are then owed the prover share
    event(9, TaskEventKind.ATTESTED, 7_000L, 3, null, List.of(V1, V2));
    event(9, TaskEventKind.REJECTED, null, null, null, List.of());
    // the trainer served its bundle to the committee: VALID overturns, nobody is slashed
    event(10, TaskEventKind.ATTESTED, 7_000L, 3, null, List.of(V1, V2));
    event(10, TaskEventKind.DISPUTED, 10_600L, null, null, List.of());
    event(10, TaskEventKind.RESOLVED, 7_300L, 1, true, List.of(C1, C2));
    flush();

    IndexedTask rejected = db.transaction(c -> tasks.task(c, BigInteger.valueOf(9))).orElseThrow();
    IndexedTask overturned =
        db.transaction(c -> tasks.task(c, BigInteger.valueOf(10))).orElseThrow();

    assertThat(rejected.status()).isEqualTo(TaskEventKind.REJECTED);
    assertThat(rejected.attesters()).containsExactly(V1, V2);
    assertThat(db.transaction(tasks::actionable))
        .extracting(t -> t.taskId().intValue())
        .contains(9, 10);
    assertThat(overturned.attesters()).containsExactly(C1, C2);
    assertThat(overturned.deadline()).isEqualTo(7_300L);
  }

  private void event(
      long task,
      TaskEventKind kind,
      Long deadline,
      Integer verdict,
      Boolean overturned,
      List<String> signers) {
    block++;
    events.add(
        new TaskEvent(
            new LogPosition(block, 0, "0x" + Long.toHexString(block)),
            1_000 + block,
            BigInteger.valueOf(task),
            kind,
            null,
            null,
            null,
            deadline,
            verdict,
            overturned,
            signers));
  }

  private void flush() throws Exception {
    BlockRef head = new BlockRef(block, "0xaa", "0xbb", 0);
    db.transaction(c -> store.apply(c, 1, block, events, List.of(head), head, 10));
  }
}
