package io.proofmint.wrappers.attest;

import io.proofmint.protocol.crypto.Address;
import java.util.Arrays;

/**
 * One verifier's signature over an attestation digest: 65 bytes {@code r || s || v}, low-s, with
 * {@code v} in {27, 28}, as the registry expects (docs/protocol.md section 6).
 */
public record SignedAttestation(Address signer, byte[] signature) {

  public static final int SIGNATURE_BYTES = 65;

  public SignedAttestation {
    if (signature.length != SIGNATURE_BYTES) {
      throw new IllegalArgumentException(
          "attestation signature of "
              + signer
              + ": expected "
              + SIGNATURE_BYTES
              + " bytes, got "
              + signature.length);
    }
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SignedAttestation o
        && signer.equals(o.signer)
        && Arrays.equals(signature, o.signature);
  }

  @Override
  public int hashCode() {
    return 31 * signer.hashCode() + Arrays.hashCode(signature);
  }
}
