package io.proofmint.protocol.sampling;

import io.proofmint.protocol.crypto.AbiEncoder;
import io.proofmint.protocol.crypto.Hash32;
import java.math.BigInteger;

/** The challenge seed of protocol.md section 5. */
public final class ChallengeSeed {

  /** Blocks between the commit block and the seed block. */
  public static final int SEED_DELAY = 1;

  private ChallengeSeed() {}

  /** {@code H(abi.encode(blockhash(seedBlock), uint256 taskId, bytes32 root))}. */
  public static Hash32 of(Hash32 seedBlockHash, BigInteger taskId, Hash32 root) {
    return AbiEncoder.create().bytes32(seedBlockHash).uint256(taskId).bytes32(root).hash();
  }
}
