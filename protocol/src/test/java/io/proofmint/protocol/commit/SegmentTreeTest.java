package io.proofmint.protocol.commit;

import static io.proofmint.protocol.commit.SegmentLeafTest.BINDING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.crypto.Address;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class SegmentTreeTest {

  private final SegmentTree tree =
      SegmentTree.fromRecords(
          BINDING, 2, SegmentRecordsTest.records(10), SegmentRecordsTest.checkpoints(6));

  @Test
  void proof_verifiesEverySegment() {
    assertThat(tree.segments()).isEqualTo(5);
    for (int i = 0; i < 5; i++) {
      assertThat(SegmentTree.verify(tree.root(), 5, BINDING, tree.leaf(i), tree.proof(i)).isValid())
          .isTrue();
      assertThat(SegmentTree.verify(tree.root(), 5, i, tree.leafHash(i), tree.proof(i)).isValid())
          .isTrue();
    }
  }

  @Test
  void proof_rejectsWrongIndex() {
    MerkleProofCheck check = SegmentTree.verify(tree.root(), 5, 3, tree.leafHash(2), tree.proof(2));
    assertThat(check.reason()).isEqualTo(MerkleProofCheck.Reason.ROOT_MISMATCH);
  }

  @Test
  void proof_rejectsLeafOfAnotherTrainer() {
    TaskBinding thief =
        TaskBinding.of(
            31337,
            BINDING.registry(),
            BigInteger.ONE,
            Address.fromHex("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC"));
    assertThat(SegmentTree.verify(tree.root(), 5, thief, tree.leaf(1), tree.proof(1)).reason())
        .isEqualTo(MerkleProofCheck.Reason.ROOT_MISMATCH);
  }

  @Test
  void proof_rejectsWrongSegmentCount() {
    // A 5-segment tree has depth 3; claiming S = 4 changes the required proof length.
    assertThat(SegmentTree.verify(tree.root(), 4, 1, tree.leafHash(1), tree.proof(1)).reason())
        .isEqualTo(MerkleProofCheck.Reason.WRONG_PROOF_LENGTH);
  }

  @Test
  void build_rejectsLeafAtWrongPosition() {
    List<SegmentLeaf> leaves = List.of(tree.leaf(1));
    assertThatThrownBy(() -> SegmentTree.build(BINDING, leaves))
        .hasMessage("leaf at position 0: expected index 0, got 1");
  }
}
