package io.proofmint.protocol.attest;

import io.proofmint.protocol.crypto.AbiEncoder;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A verifier's attestation (protocol.md section 6). Only the digest is computed here; signing is
 * done by the modules that hold keys.
 */
public record Attestation(
    BigInteger taskId, Hash32 root, Hash32 seed, Verdict verdict, long failingSegment) {

  public static final String TYPE =
      "Attestation(uint256 taskId,bytes32 root,bytes32 seed,uint8 verdict,uint256 failingSegment)";
  public static final Hash32 TYPEHASH = Keccak.hashUtf8(TYPE);

  public Attestation {
    AbiEncoder.checkUint256(Objects.requireNonNull(taskId, "taskId"), "taskId");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(verdict, "verdict");
    if (failingSegment < 0) {
      throw new IllegalArgumentException("failingSegment: expected >= 0, got " + failingSegment);
    }
    if (verdict != Verdict.FRAUD && failingSegment != 0) {
      throw new IllegalArgumentException(
          "failingSegment: expected 0 for a %s verdict, got %d".formatted(verdict, failingSegment));
    }
  }

  public static Attestation valid(BigInteger taskId, Hash32 root, Hash32 seed) {
    return new Attestation(taskId, root, seed, Verdict.VALID, 0);
  }

  public static Attestation unavailable(BigInteger taskId, Hash32 root, Hash32 seed) {
    return new Attestation(taskId, root, seed, Verdict.UNAVAILABLE, 0);
  }

  public static Attestation fraud(
      BigInteger taskId, Hash32 root, Hash32 seed, long failingSegment) {
    return new Attestation(taskId, root, seed, Verdict.FRAUD, failingSegment);
  }

  /** {@code H(abi.encode(TYPEHASH, taskId, root, seed, verdict, failingSegment))}. */
  public Hash32 structHash() {
    return AbiEncoder.create()
        .bytes32(TYPEHASH)
        .uint256(taskId)
        .bytes32(root)
        .bytes32(seed)
        .uint256(verdict.code())
        .uint256(failingSegment)
        .hash();
  }

  /** The EIP-712 digest a verifier signs. */
  public Hash32 digest(Eip712Domain domain) {
    return domain.digest(structHash());
  }
}
