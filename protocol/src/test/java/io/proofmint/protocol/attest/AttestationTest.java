package io.proofmint.protocol.attest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.crypto.AbiEncoder;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class AttestationTest {

  private static final Address REGISTRY =
      Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3");
  private final Hash32 root = Keccak.hashUtf8("root");
  private final Hash32 seed = Keccak.hashUtf8("seed");

  @Test
  void typehashes_areKeccakOfTheTypeStrings() {
    // cast keccak "EIP712Domain(string name,string version,uint256 chainId,address
    // verifyingContract)"
    assertThat(Eip712Domain.TYPEHASH.toHex())
        .isEqualTo("0x8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f");
    assertThat(Attestation.TYPEHASH)
        .isEqualTo(
            Keccak.hashUtf8(
                "Attestation(uint256 taskId,bytes32 root,bytes32 seed,uint8 verdict,uint256 failingSegment)"));
  }

  @Test
  void structHash_encodesVerdictCodeAsWord() {
    Attestation fraud = Attestation.fraud(BigInteger.TEN, root, seed, 3);
    assertThat(fraud.structHash())
        .isEqualTo(
            AbiEncoder.create()
                .bytes32(Attestation.TYPEHASH)
                .uint256(10)
                .bytes32(root)
                .bytes32(seed)
                .uint256(2)
                .uint256(3)
                .hash());
  }

  @Test
  void digest_isEip191PrefixedWithDomainSeparator() {
    Eip712Domain domain = Eip712Domain.of(31337, REGISTRY);
    Attestation valid = Attestation.valid(BigInteger.ONE, root, seed);
    assertThat(valid.digest(domain))
        .isEqualTo(
            Keccak.hash(
                new byte[] {0x19, 0x01}, domain.separator().bytes(), valid.structHash().bytes()));
  }

  @Test
  void digest_dependsOnChainAndRegistry() {
    Attestation valid = Attestation.valid(BigInteger.ONE, root, seed);
    Hash32 local = valid.digest(Eip712Domain.of(31337, REGISTRY));
    assertThat(valid.digest(Eip712Domain.of(1, REGISTRY))).isNotEqualTo(local);
    assertThat(valid.digest(Eip712Domain.of(31337, Address.fromHex("0x" + "00".repeat(19) + "01"))))
        .isNotEqualTo(local);
  }

  @Test
  void valid_rejectsNonZeroFailingSegment() {
    assertThatThrownBy(() -> new Attestation(BigInteger.ONE, root, seed, Verdict.VALID, 2))
        .hasMessage("failingSegment: expected 0 for a VALID verdict, got 2");
  }

  @Test
  void unavailable_rejectsNonZeroFailingSegment() {
    assertThatThrownBy(() -> new Attestation(BigInteger.ONE, root, seed, Verdict.UNAVAILABLE, 1))
        .hasMessage("failingSegment: expected 0 for a UNAVAILABLE verdict, got 1");
  }

  @Test
  void structHash_encodesUnavailableAsCodeThreeWithSegmentZero() {
    assertThat(Attestation.unavailable(BigInteger.TEN, root, seed).structHash())
        .isEqualTo(
            AbiEncoder.create()
                .bytes32(Attestation.TYPEHASH)
                .uint256(10)
                .bytes32(root)
                .bytes32(seed)
                .uint256(3)
                .uint256(0)
                .hash());
  }

  @Test
  void verdict_codesAreFixed() {
    assertThat(Verdict.VALID.code()).isEqualTo(1);
    assertThat(Verdict.FRAUD.code()).isEqualTo(2);
    assertThat(Verdict.UNAVAILABLE.code()).isEqualTo(3);
    assertThat(Verdict.fromCode(2)).isEqualTo(Verdict.FRAUD);
    assertThat(Verdict.fromCode(3)).isEqualTo(Verdict.UNAVAILABLE);
    assertThat(Verdict.VALID.rejects()).isFalse();
    assertThat(Verdict.FRAUD.rejects()).isTrue();
    assertThat(Verdict.UNAVAILABLE.rejects()).isTrue();
    assertThatThrownBy(() -> Verdict.fromCode(0))
        .hasMessage("verdict: expected 1 (VALID), 2 (FRAUD) or 3 (UNAVAILABLE), got 0");
    assertThatThrownBy(() -> Verdict.fromCode(4))
        .hasMessage("verdict: expected 1 (VALID), 2 (FRAUD) or 3 (UNAVAILABLE), got 4");
  }
}
