package io.proofmint.settlement.index;

import io.proofmint.wrappers.registry.TaskStatus;
import java.util.Optional;

/**
 * The registry events the indexer keeps per task, and the {@link TaskStatus} each leaves the task
 * in. An event is not a status: two events do not change the status (a drawn seed keeps the task
 * Committed, and paid attester rewards only set a flag), and two lead to the same one (a task is
 * Open after it is created and again after it expired).
 */
public enum TaskEventKind {
  CREATED(TaskStatus.OPEN),
  CLAIMED(TaskStatus.CLAIMED),
  COMMITTED(TaskStatus.COMMITTED),
  SEED_DRAWN(null),
  ATTESTED(TaskStatus.ATTESTED),
  DISPUTED(TaskStatus.DISPUTED),
  RESOLVED(TaskStatus.RESOLVED),
  FINALIZED(TaskStatus.FINALIZED),
  STALE(TaskStatus.STALE),
  REJECTED(TaskStatus.REJECTED),
  EXPIRED(TaskStatus.OPEN),
  REWARDS_PAID(null);

  private final TaskStatus status;

  TaskEventKind(TaskStatus status) {
    this.status = status;
  }

  /** The task status after this event, if the event sets one. */
  public Optional<TaskStatus> status() {
    return Optional.ofNullable(status);
  }

  public boolean changesStatus() {
    return status != null;
  }

  /** True for the three final statuses, after which attester rewards can be paid. */
  public boolean isSettled() {
    return status != null && status.isFinal();
  }
}
