package io.proofmint.protocol.dataset;

import io.proofmint.protocol.crypto.AbiEncoder;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.util.Objects;

/**
 * A shard as the dataset commitment lists it: its hash and example count (committed), and its file
 * name relative to the manifest (not committed: only where to find it).
 */
public record ShardEntry(String file, Hash32 hash, int exampleCount) {

  /** {@code H("proofmint.dataset.leaf.v1")}. */
  public static final Hash32 LEAF_DOMAIN = Keccak.hashUtf8("proofmint.dataset.leaf.v1");

  public ShardEntry {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(hash, "hash");
    if (exampleCount < 1) {
      throw new IllegalArgumentException(
          "shard %s: expected at least 1 example, got %d".formatted(file, exampleCount));
    }
  }

  public static ShardEntry of(String file, Hash32 hash, int exampleCount) {
    return new ShardEntry(file, hash, exampleCount);
  }

  /** {@code H(0x00 || abi.encode(LEAF_DOMAIN, uint256 index, bytes32 hash, uint256 count))}. */
  public Hash32 leaf(int index) {
    return AbiEncoder.withPrefix(0x00)
        .bytes32(LEAF_DOMAIN)
        .uint256(index)
        .bytes32(hash)
        .uint256(exampleCount)
        .hash();
  }
}
