package io.proofmint.settlement.index;

/**
 * What one indexer step did.
 *
 * @param kind what happened
 * @param fromBlock first block indexed, or the fork block of a rollback
 * @param toBlock last block indexed (the new cursor), or the stale block of a rollback
 * @param rows event rows written, or deleted by a rollback
 * @param head the chain head seen
 * @param detail why a step was retried; empty otherwise
 */
public record IndexOutcome(
    Kind kind, long fromBlock, long toBlock, int rows, long head, String detail) {

  public enum Kind {
    ADVANCED,
    UP_TO_DATE,
    ROLLED_BACK,
    /** The chain changed while the step read it; nothing was written, the next step retries. */
    RETRY
  }

  static IndexOutcome advanced(long from, long to, int rows, long head) {
    return new IndexOutcome(Kind.ADVANCED, from, to, rows, head, "");
  }

  static IndexOutcome upToDate(long cursor, long head) {
    return new IndexOutcome(Kind.UP_TO_DATE, cursor, cursor, 0, head, "");
  }

  static IndexOutcome rolledBack(long fork, long stale, int rows, long head) {
    return new IndexOutcome(Kind.ROLLED_BACK, fork, stale, rows, head, "");
  }

  static IndexOutcome retry(long head, String detail) {
    return new IndexOutcome(Kind.RETRY, -1, -1, 0, head, detail);
  }

  /** True if another step right away may do more. */
  public boolean moreToDo() {
    return kind != Kind.UP_TO_DATE;
  }
}
