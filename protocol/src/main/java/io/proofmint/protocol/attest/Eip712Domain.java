package io.proofmint.protocol.attest;

import io.proofmint.protocol.crypto.AbiEncoder;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.util.Objects;

/** The EIP-712 domain of the TrainingRegistry (protocol.md section 6). */
public record Eip712Domain(long chainId, Address verifyingContract) {

  public static final String NAME = "Proofmint TrainingRegistry";
  public static final String VERSION = "1";
  public static final Hash32 TYPEHASH =
      Keccak.hashUtf8(
          "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");

  public Eip712Domain {
    if (chainId <= 0) {
      throw new IllegalArgumentException("chainId: expected a positive value, got " + chainId);
    }
    Objects.requireNonNull(verifyingContract, "verifyingContract");
  }

  public static Eip712Domain of(long chainId, Address registry) {
    return new Eip712Domain(chainId, registry);
  }

  /** {@code H(abi.encode(TYPEHASH, H(name), H(version), chainId, verifyingContract))}. */
  public Hash32 separator() {
    return AbiEncoder.create()
        .bytes32(TYPEHASH)
        .bytes32(Keccak.hashUtf8(NAME))
        .bytes32(Keccak.hashUtf8(VERSION))
        .uint256(chainId)
        .address(verifyingContract)
        .hash();
  }

  /** {@code H(0x19 || 0x01 || separator || structHash)}. */
  public Hash32 digest(Hash32 structHash) {
    return Keccak.hash(new byte[] {0x19, 0x01}, separator().bytes(), structHash.bytes());
  }
}
