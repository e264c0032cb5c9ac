package io.proofmint.protocol.commit;

import io.proofmint.protocol.crypto.AbiEncoder;
import io.proofmint.protocol.crypto.Address;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What every segment leaf binds a proof to (protocol.md section 1): one chain, one registry
 * contract, one task and one trainer.
 */
public record TaskBinding(long chainId, Address registry, BigInteger taskId, Address trainer) {

  public TaskBinding {
    if (chainId <= 0) {
      throw new IllegalArgumentException("chainId: expected a positive value, got " + chainId);
    }
    Objects.requireNonNull(registry, "registry");
    AbiEncoder.checkUint256(Objects.requireNonNull(taskId, "taskId"), "taskId");
    Objects.requireNonNull(trainer, "trainer");
  }

  public static TaskBinding of(long chainId, Address registry, BigInteger taskId, Address trainer) {
    return new TaskBinding(chainId, registry, taskId, trainer);
  }
}
