package io.proofmint.wrappers.attest;

import io.proofmint.protocol.attest.Attestation;
import io.proofmint.protocol.attest.Eip712Domain;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import java.nio.ByteBuffer;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;

/**
 * Signs attestation digests the way the registry checks them. web3j signs deterministically (RFC
 * 6979) and canonicalises {@code s} to the lower half of the curve order, which OpenZeppelin's
 * ECDSA requires.
 */
public final class AttestationSigner {

  private final Credentials credentials;
  private final Address signer;

  public AttestationSigner(Credentials credentials) {
    this.credentials = credentials;
    this.signer = Address.fromHex(credentials.getAddress());
  }

  public Address signer() {
    return signer;
  }

  /** Signs {@code attestation} for the registry named by {@code domain}. */
  public SignedAttestation sign(Attestation attestation, Eip712Domain domain) {
    return signDigest(attestation.digest(domain));
  }

  /** Signs a ready EIP-712 digest (no Ethereum message prefix is added). */
  public SignedAttestation signDigest(Hash32 digest) {
    Sign.SignatureData sig =
        Sign.signMessage(digest.bytes(), credentials.getEcKeyPair(), /* needToHash= */ false);
    byte[] packed =
        ByteBuffer.allocate(SignedAttestation.SIGNATURE_BYTES)
            .put(sig.getR())
            .put(sig.getS())
            .put(sig.getV()[0])
            .array();
    return new SignedAttestation(signer, packed);
  }
}
