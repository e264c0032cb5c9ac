package io.proofmint.wrappers.registry;

import java.math.BigInteger;

/**
 * The role an account stakes for in the stake manager: {@code ROLE_TRAINER} and {@code
 * ROLE_VERIFIER} of {@code IStakeManager.sol}, with the same codes. An account's role is fixed by
 * its first stake.
 */
public enum StakeRole {
  TRAINER(1),
  VERIFIER(2);

  private final int code;

  StakeRole(int code) {
    this.code = code;
  }

  /** The {@code uint8} code the stake manager uses. */
  public int code() {
    return code;
  }

  /** The code as the generated wrappers take it. */
  public BigInteger chainCode() {
    return BigInteger.valueOf(code);
  }
}
