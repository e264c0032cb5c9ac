package io.proofmint.wrappers.registry;

import java.math.BigInteger;
import java.util.Locale;

/**
 * A task's state in the training registry: {@code ITrainingRegistry.TaskStatus}, constant for
 * constant and in the same order, so {@link #ordinal()} is the code the chain returns. Statuses are
 * ordered along a task's life: everything from {@link #FINALIZED} on is final.
 */
public enum TaskStatus {
  NONE,
  OPEN,
  CLAIMED,
  COMMITTED,
  ATTESTED,
  DISPUTED,
  RESOLVED,
  FINALIZED,
  REJECTED,
  STALE;

  private static final TaskStatus[] BY_CODE = values();

  /**
   * The status with the registry's code {@code code}.
   *
   * @throws IllegalArgumentException if the registry has no such status (a newer registry, or not a
   *     registry at all)
   */
  public static TaskStatus fromChain(int code) {
    if (code < 0 || code >= BY_CODE.length) {
      throw new IllegalArgumentException(
          "registry task status: expected a code 0.." + (BY_CODE.length - 1) + ", got " + code);
    }
    return BY_CODE[code];
  }

  /** As {@link #fromChain(int)}, for the {@code uint8} a generated wrapper returns. */
  public static TaskStatus fromChain(BigInteger code) {
    if (code.signum() < 0 || code.compareTo(BigInteger.valueOf(BY_CODE.length)) >= 0) {
      throw new IllegalArgumentException(
          "registry task status: expected a code 0.." + (BY_CODE.length - 1) + ", got " + code);
    }
    return BY_CODE[code.intValueExact()];
  }

  /** The code the registry uses for this status. */
  public int code() {
    return ordinal();
  }

  /** True for FINALIZED, REJECTED and STALE: the task is settled and attesters can be paid. */
  public boolean isFinal() {
    return compareTo(FINALIZED) >= 0;
  }

  /** The lower-case name, for messages. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
