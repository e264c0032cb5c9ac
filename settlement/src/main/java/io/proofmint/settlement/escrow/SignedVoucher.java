package io.proofmint.settlement.escrow;

import io.proofmint.protocol.crypto.Hex;
import java.util.Arrays;

/**
 * A voucher with the signature that came with it. The signature is not checked here (any length is
 * kept): {@link VoucherDomain#recover} says whether it is the user's.
 */
public record SignedVoucher(Voucher voucher, byte[] signature) {

  public static final int SIGNATURE_BYTES = 65;

  public SignedVoucher {
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  public String signatureHex() {
    return Hex.encode(signature);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SignedVoucher o
        && voucher.equals(o.voucher)
        && Arrays.equals(signature, o.signature);
  }

  @Override
  public int hashCode() {
    return 31 * voucher.hashCode() + Arrays.hashCode(signature);
  }

  @Override
  public String toString() {
    return "SignedVoucher[" + voucher + ", signature=" + signatureHex() + "]";
  }
}
