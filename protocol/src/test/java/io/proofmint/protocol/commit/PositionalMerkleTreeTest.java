package io.proofmint.protocol.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PositionalMerkleTreeTest {

  private static List<Hash32> leaves(int count) {
    return IntStream.range(0, count).mapToObj(i -> Keccak.hashUtf8("leaf" + i)).toList();
  }

  @Test
  void depthFor_isCeilLog2() {
    assertThat(PositionalMerkleTree.depthFor(1)).isZero();
    assertThat(PositionalMerkleTree.depthFor(2)).isEqualTo(1);
    assertThat(PositionalMerkleTree.depthFor(3)).isEqualTo(2);
    assertThat(PositionalMerkleTree.depthFor(4)).isEqualTo(2);
    assertThat(PositionalMerkleTree.depthFor(5)).isEqualTo(3);
    assertThat(PositionalMerkleTree.depthFor(1L << 40)).isEqualTo(40);
  }

  @Test
  void root_ofOneLeaf_isTheLeaf() {
    PositionalMerkleTree tree = PositionalMerkleTree.build(leaves(1));
    assertThat(tree.root()).isEqualTo(leaves(1).get(0));
    assertThat(tree.proof(0)).isEmpty();
  }

  @Test
  void root_ofThreeLeaves_padsWithZeroLeaf() {
    List<Hash32> l = leaves(3);
    Hash32 expected =
        PositionalMerkleTree.node(
            PositionalMerkleTree.node(l.get(0), l.get(1)),
            PositionalMerkleTree.node(l.get(2), Hash32.ZERO));
    assertThat(PositionalMerkleTree.rootOf(l)).isEqualTo(expected);
  }

  @Test
  void node_isKeccakOfPrefixOneLeftRight() {
    Hash32 a = Keccak.hashUtf8("a");
    Hash32 b = Keccak.hashUtf8("b");
    assertThat(PositionalMerkleTree.node(a, b))
        .isEqualTo(Keccak.hash(new byte[] {1}, a.bytes(), b.bytes()));
  }

  @Test
  void proof_verifiesForEveryIndexOfEverySize() {
    for (int size = 1; size <= 17; size++) {
      List<Hash32> l = leaves(size);
      PositionalMerkleTree tree = PositionalMerkleTree.build(l);
      for (int i = 0; i < size; i++) {
        assertThat(PositionalMerkleTree.verify(tree.root(), size, i, l.get(i), tree.proof(i)))
            .isEqualTo(MerkleProofCheck.valid());
      }
    }
  }

  @Test
  void proof_rejectsWrongIndex() {
    List<Hash32> l = leaves(5);
    PositionalMerkleTree tree = PositionalMerkleTree.build(l);
    MerkleProofCheck check =
        PositionalMerkleTree.verify(tree.root(), 5, 1, l.get(0), tree.proof(0));
    assertThat(check.reason()).isEqualTo(MerkleProofCheck.Reason.ROOT_MISMATCH);
  }

  @Test
  void proof_rejectsIndexInPaddingEvenWithPaddingProof() {
    // Position 5 of a 5-leaf tree holds the zero leaf; it must not be provable.
    List<Hash32> padded = new ArrayList<>(leaves(5));
    padded.addAll(List.of(Hash32.ZERO, Hash32.ZERO, Hash32.ZERO));
    PositionalMerkleTree eight = PositionalMerkleTree.build(padded);
    assertThat(eight.root()).isEqualTo(PositionalMerkleTree.rootOf(leaves(5)));
    MerkleProofCheck check =
        PositionalMerkleTree.verify(eight.root(), 5, 5, Hash32.ZERO, eight.proof(5));
    assertThat(check.reason()).isEqualTo(MerkleProofCheck.Reason.INDEX_OUT_OF_RANGE);
    assertThat(check.detail()).isEqualTo("index 5: expected 0 <= index < 5");
  }

  @Test
  void proof_rejectsWrongLength() {
    List<Hash32> l = leaves(5);
    PositionalMerkleTree tree = PositionalMerkleTree.build(l);
    List<Hash32> longer = new ArrayList<>(tree.proof(2));
    longer.add(Hash32.ZERO);
    MerkleProofCheck check = PositionalMerkleTree.verify(tree.root(), 5, 2, l.get(2), longer);
    assertThat(check.reason()).isEqualTo(MerkleProofCheck.Reason.WRONG_PROOF_LENGTH);
    assertThat(check.detail()).isEqualTo("proof for 5 leaves: expected 3 siblings, got 4");
  }

  @Test
  void proof_rejectsNegativeIndexAndEmptyTree() {
    Hash32 leaf = leaves(1).get(0);
    assertThat(PositionalMerkleTree.verify(leaf, 1, -1, leaf, List.of()).reason())
        .isEqualTo(MerkleProofCheck.Reason.INDEX_OUT_OF_RANGE);
    assertThat(PositionalMerkleTree.verify(leaf, 0, 0, leaf, List.of()).reason())
        .isEqualTo(MerkleProofCheck.Reason.INDEX_OUT_OF_RANGE);
  }

  @Test
  void build_rejectsNoLeaves() {
    assertThatThrownBy(() -> PositionalMerkleTree.build(List.of()))
        .hasMessage("merkle tree: expected at least 1 leaf, got 0");
  }
}
