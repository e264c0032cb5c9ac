package io.proofmint.worker.role;

import java.math.BigInteger;
import java.util.Locale;

/** The registry's task states, in the order of its TaskStatus enum. */
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

  public static TaskStatus of(BigInteger code) {
    int i = code.intValueExact();
    if (i < 0 || i >= values().length) {
      throw new IllegalArgumentException(
          "task status: expected 0.." + (values().length - 1) + ", got " + code);
    }
    return values()[i];
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
