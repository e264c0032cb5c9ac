package io.proofmint.protocol.commit;

import io.proofmint.protocol.crypto.AbiEncoder;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The committed facts of one segment (protocol.md section 1): its index, the checkpoint hashes it
 * starts and ends at, and the hashes of its per-step batch hashes and losses.
 */
public record SegmentLeaf(
    long index, Hash32 ckptStart, Hash32 ckptEnd, Hash32 batchesHash, Hash32 lossesHash) {

  /** {@code H("proofmint.leaf.v1")}. */
  public static final Hash32 LEAF_DOMAIN = Keccak.hashUtf8("proofmint.leaf.v1");

  public SegmentLeaf {
    if (index < 0) {
      throw new IllegalArgumentException("segment index: expected >= 0, got " + index);
    }
    Objects.requireNonNull(ckptStart, "ckptStart");
    Objects.requireNonNull(ckptEnd, "ckptEnd");
    Objects.requireNonNull(batchesHash, "batchesHash");
    Objects.requireNonNull(lossesHash, "lossesHash");
  }

  public static SegmentLeaf of(
      long index, Hash32 ckptStart, Hash32 ckptEnd, Hash32 batchesHash, Hash32 lossesHash) {
    return new SegmentLeaf(index, ckptStart, ckptEnd, batchesHash, lossesHash);
  }

  /**
   * {@code leaf_i = H(0x00 || abi.encode(LEAF_DOMAIN, chainId, registry, taskId, trainer, ...))}.
   */
  public Hash32 hash(long chainId, Address registry, BigInteger taskId, Address trainer) {
    return hash(new TaskBinding(chainId, registry, taskId, trainer));
  }

  public Hash32 hash(TaskBinding binding) {
    return AbiEncoder.withPrefix(0x00)
        .bytes32(LEAF_DOMAIN)
        .uint256(binding.chainId())
        .address(binding.registry())
        .uint256(binding.taskId())
        .address(binding.trainer())
        .uint256(index)
        .bytes32(ckptStart)
        .bytes32(ckptEnd)
        .bytes32(batchesHash)
        .bytes32(lossesHash)
        .hash();
  }
}
