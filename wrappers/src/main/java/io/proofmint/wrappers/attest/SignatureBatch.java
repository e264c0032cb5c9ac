package io.proofmint.wrappers.attest;

import io.proofmint.protocol.crypto.Address;
import java.io.ByteArrayOutputStream;
import java.util.Comparator;
import java.util.List;

/**
 * The signatures of one attestation batch in the order the registry requires: by strictly
 * increasing signer address, concatenated (65 bytes each).
 *
 * @param signers the signer addresses, ascending
 * @param packed {@code signers.size() * 65} bytes
 */
public record SignatureBatch(List<Address> signers, byte[] packed) {

  public SignatureBatch {
    signers = List.copyOf(signers);
    packed = packed.clone();
  }

  /** Orders {@code signatures} by signer; refuses two signatures of one signer. */
  public static SignatureBatch of(List<SignedAttestation> signatures) {
    List<SignedAttestation> sorted =
        signatures.stream().sorted(Comparator.comparing(s -> s.signer().toHex())).toList();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < sorted.size(); i++) {
      if (i > 0 && sorted.get(i).signer().equals(sorted.get(i - 1).signer())) {
        throw new IllegalArgumentException(
            "attestation batch: signer " + sorted.get(i).signer() + " signed twice");
      }
      out.writeBytes(sorted.get(i).signature());
    }
    return new SignatureBatch(
        sorted.stream().map(SignedAttestation::signer).toList(), out.toByteArray());
  }

  @Override
  public byte[] packed() {
    return packed.clone();
  }

  /** The signers as 0x-prefixed hex, ascending: what the registry's address[] arguments take. */
  public List<String> signerHexes() {
    return signers.stream().map(Address::toHex).toList();
  }
}
