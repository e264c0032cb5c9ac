package io.proofmint.cli.stake;

import java.util.Locale;
import java.util.Optional;

/** The roles of the StakeManager (`ROLE_TRAINER`, `ROLE_VERIFIER` in IStakeManager.sol). */
public enum StakeRole {
  TRAINER(1),
  VERIFIER(2);

  private final int id;

  StakeRole(int id) {
    this.id = id;
  }

  /** The role id the contract uses. */
  public int id() {
    return id;
  }

  /** The role of contract id {@code id}; empty for 0 (never staked). */
  public static Optional<StakeRole> ofId(int id) {
    for (StakeRole r : values()) {
      if (r.id == id) {
        return Optional.of(r);
      }
    }
    if (id == 0) {
      return Optional.empty();
    }
    throw new IllegalStateException("stake manager reports role " + id + ": expected 0, 1 or 2");
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
