package io.proofmint.protocol.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.crypto.Hash32;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class PositionalMerkleTreePropertyTest {

  @Provide
  Arbitrary<List<Hash32>> leaves() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofSize(32)
        .map(Hash32::of)
        .filter(hash -> !hash.isZero())
        .list()
        .uniqueElements()
        .ofMinSize(1)
        .ofMaxSize(40);
  }

  @Property(tries = 300)
  void everyLeafProves(
      @ForAll("leaves") List<Hash32> leaves, @ForAll @IntRange(max = 39) int pick) {
    int index = pick % leaves.size();
    PositionalMerkleTree tree = PositionalMerkleTree.build(leaves);
    assertThat(
            PositionalMerkleTree.verify(
                    tree.root(), leaves.size(), index, leaves.get(index), tree.proof(index))
                .isValid())
        .isTrue();
  }

  @Property(tries = 300)
  void flippingAnyBitOfLeafOrProofIsDetected(
      @ForAll("leaves") List<Hash32> leaves,
      @ForAll @IntRange(max = 39) int pick,
      @ForAll @IntRange(max = 10_000) int where,
      @ForAll @IntRange(max = 7) int bit) {
    int index = pick % leaves.size();
    PositionalMerkleTree tree = PositionalMerkleTree.build(leaves);
    List<Hash32> proof = new ArrayList<>(tree.proof(index));
    Hash32 leaf = leaves.get(index);
    int slot = where % (proof.size() + 1); // 0 = the leaf, 1.. = a sibling
    int bytePos = (where / (proof.size() + 1)) % 32;
    if (slot == 0) {
      leaf = flip(leaf, bytePos, bit);
    } else {
      proof.set(slot - 1, flip(proof.get(slot - 1), bytePos, bit));
    }
    assertThat(PositionalMerkleTree.verify(tree.root(), leaves.size(), index, leaf, proof).reason())
        .isEqualTo(MerkleProofCheck.Reason.ROOT_MISMATCH);
  }

  /** Distinct non-zero leaves: a leaf proven at another position would need a collision. */
  @Property(tries = 200)
  void proofOfOneIndexFailsAtAnyOther(
      @ForAll("leaves") List<Hash32> leaves,
      @ForAll @IntRange(max = 39) int a,
      @ForAll @IntRange(max = 39) int b) {
    int from = a % leaves.size();
    int to = b % leaves.size();
    PositionalMerkleTree tree = PositionalMerkleTree.build(leaves);
    MerkleProofCheck check =
        PositionalMerkleTree.verify(
            tree.root(), leaves.size(), to, leaves.get(from), tree.proof(from));
    assertThat(check.isValid()).isEqualTo(from == to);
  }

  private static Hash32 flip(Hash32 hash, int bytePos, int bit) {
    byte[] bytes = hash.bytes();
    bytes[bytePos] ^= (byte) (1 << bit);
    return Hash32.of(bytes);
  }
}
