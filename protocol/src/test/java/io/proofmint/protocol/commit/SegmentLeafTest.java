package io.proofmint.protocol.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.crypto.AbiEncoder;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SegmentLeafTest {

  static final Address REGISTRY = Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3");
  static final Address TRAINER = Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  static final TaskBinding BINDING = TaskBinding.of(31337, REGISTRY, BigInteger.ONE, TRAINER);

  static SegmentLeaf leaf(long index) {
    return SegmentLeaf.of(
        index,
        Keccak.hashUtf8("start"),
        Keccak.hashUtf8("end"),
        Keccak.hashUtf8("batches"),
        Keccak.hashUtf8("losses"));
  }

  @Test
  void leafDomain_isKeccakOfItsTag() {
    // cast keccak "proofmint.leaf.v1"
    assertThat(SegmentLeaf.LEAF_DOMAIN.toHex())
        .isEqualTo("0x00fe8e7d1a47875a769dfce7070bc1c7c8658950c2defefba327b4241645b163");
  }

  @Test
  void hash_isPrefixZeroThenAbiEncodeOfAllFields() {
    SegmentLeaf leaf = leaf(3);
    byte[] body =
        AbiEncoder.create()
            .bytes32(SegmentLeaf.LEAF_DOMAIN)
            .uint256(31337)
            .address(REGISTRY)
            .uint256(1)
            .address(TRAINER)
            .uint256(3)
            .bytes32(leaf.ckptStart())
            .bytes32(leaf.ckptEnd())
            .bytes32(leaf.batchesHash())
            .bytes32(leaf.lossesHash())
            .toBytes();
    assertThat(body).hasSize(10 * 32);
    assertThat(leaf.hash(BINDING)).isEqualTo(Keccak.hash(new byte[] {0}, body));
    assertThat(leaf.hash(31337, REGISTRY, BigInteger.ONE, TRAINER)).isEqualTo(leaf.hash(BINDING));
  }

  @Test
  void hash_changesWithEveryBoundField() {
    Address other = Address.fromHex("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
    Hash32 x = Keccak.hashUtf8("x");
    SegmentLeaf base = leaf(3);
    List<Hash32> variants =
        List.of(
            base.hash(BINDING),
            base.hash(TaskBinding.of(1, REGISTRY, BigInteger.ONE, TRAINER)),
            base.hash(TaskBinding.of(31337, other, BigInteger.ONE, TRAINER)),
            base.hash(TaskBinding.of(31337, REGISTRY, BigInteger.TWO, TRAINER)),
            base.hash(TaskBinding.of(31337, REGISTRY, BigInteger.ONE, other)),
            leaf(4).hash(BINDING),
            SegmentLeaf.of(3, x, base.ckptEnd(), base.batchesHash(), base.lossesHash())
                .hash(BINDING),
            SegmentLeaf.of(3, base.ckptStart(), x, base.batchesHash(), base.lossesHash())
                .hash(BINDING),
            SegmentLeaf.of(3, base.ckptStart(), base.ckptEnd(), x, base.lossesHash()).hash(BINDING),
            SegmentLeaf.of(3, base.ckptStart(), base.ckptEnd(), base.batchesHash(), x)
                .hash(BINDING));
    Set<Hash32> distinct = new HashSet<>(variants);
    assertThat(distinct).hasSize(variants.size());
  }
}
