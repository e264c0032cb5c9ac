package io.proofmint.verifier.daemon;

import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.wrappers.attest.SignedAttestation;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/** Recovers the signer of a 65-byte {@code r || s || v} signature over an EIP-712 digest. */
public final class SignatureCheck {

  private static final BigInteger HALF_N = Sign.CURVE_PARAMS.getN().shiftRight(1);

  private SignatureCheck() {}

  /**
   * True iff {@code signed.signature()} is low-s with {@code v} in {27, 28} (as the registry
   * requires) and recovers to {@code signed.signer()} over {@code digest}.
   */
  public static boolean isValid(SignedAttestation signed, Hash32 digest) {
    byte[] sig = signed.signature();
    byte v = sig[64];
    byte[] r = Arrays.copyOfRange(sig, 0, 32);
    byte[] s = Arrays.copyOfRange(sig, 32, 64);
    if ((v != 27 && v != 28) || new BigInteger(1, s).compareTo(HALF_N) > 0) {
      return false;
    }
    try {
      BigInteger key = Sign.signedMessageHashToKey(digest.bytes(), new Sign.SignatureData(v, r, s));
      return Address.fromHex("0x" + Keys.getAddress(key)).equals(signed.signer());
    } catch (SignatureException | IllegalArgumentException e) {
      return false;
    }
  }
}
