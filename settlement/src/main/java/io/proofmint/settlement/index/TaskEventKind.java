package io.proofmint.settlement.index;

import java.util.Optional;

/**
 * The registry events the indexer keeps per task, and the status each leaves the task in (the
 * registry's {@code TaskStatus} names). Two events do not change the status: a drawn seed keeps the
 * task Committed, and paid attester rewards only set a flag.
 */
public enum TaskEventKind {
  CREATED("Open"),
  CLAIMED("Claimed"),
  COMMITTED("Committed"),
  SEED_DRAWN(null),
  ATTESTED("Attested"),
  DISPUTED("Disputed"),
  RESOLVED("Resolved"),
  FINALIZED("Finalized"),
  STALE("Stale"),
  REJECTED("Rejected"),
  EXPIRED("Open"),
  REWARDS_PAID(null);

  private final String status;

  TaskEventKind(String status) {
    this.status = status;
  }

  /** The task status after this event, if the event sets one. */
  public Optional<String> status() {
    return Optional.ofNullable(status);
  }

  public boolean changesStatus() {
    return status != null;
  }

  /** True for the three final statuses, after which attester rewards can be paid. */
  public boolean isSettled() {
    return this == FINALIZED || this == STALE || this == REJECTED;
  }
}
