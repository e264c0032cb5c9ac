package io.proofmint.verifier.daemon;

import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.wrappers.registry.TaskStatus;
import java.math.BigInteger;

/**
 * A task as {@code getTask} returns it now (at the latest block), for the checks made just before a
 * transaction.
 *
 * @param deadline the verification deadline while committed, the end of the challenge window from
 *     attested on (unix seconds)
 */
public record TaskSnapshot(
    BigInteger taskId,
    BigInteger modelId,
    TaskStatus status,
    int verdict,
    boolean attesterRewardsPaid,
    Address trainer,
    long deadline,
    long seedBlock,
    Hash32 parent,
    Hash32 root,
    Hash32 seed) {

  public boolean seedDrawn() {
    return !seed.isZero();
  }
}
