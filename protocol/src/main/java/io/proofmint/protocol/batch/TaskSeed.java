package io.proofmint.protocol.batch;

import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.AbiEncoder;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.math.BigInteger;

/**
 * The seed of a task's batch sequence (protocol.md section 9.1): fixed by the task alone, so the
 * trainer cannot choose its data, and known before training starts.
 */
public final class TaskSeed {

  /** {@code H("proofmint.batch.v1")}. */
  public static final Hash32 DOMAIN = Keccak.hashUtf8("proofmint.batch.v1");

  private TaskSeed() {}

  /**
   * {@code H(abi.encode(DOMAIN, uint256 chainId, address registry, uint256 taskId, bytes32
   * parentCheckpoint))}.
   */
  public static Hash32 of(
      long chainId, Address registry, BigInteger taskId, Hash32 parentCheckpoint) {
    return AbiEncoder.create()
        .bytes32(DOMAIN)
        .uint256(chainId)
        .address(registry)
        .uint256(taskId)
        .bytes32(parentCheckpoint)
        .hash();
  }

  /** The seed of the task {@code binding} names (the trainer does not enter it). */
  public static Hash32 of(TaskBinding binding, Hash32 parentCheckpoint) {
    return of(binding.chainId(), binding.registry(), binding.taskId(), parentCheckpoint);
  }
}
