package io.proofmint.settlement.escrow;

import io.proofmint.protocol.crypto.AbiEncoder;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * The EIP-712 domain of one UsageEscrow (name "Proofmint UsageEscrow", version "1", chain id,
 * escrow address): voucher digests, signing, and recovery with the escrow's own rules (65 bytes
 * {@code r || s || v}, {@code v} in {27, 28}, low {@code s}).
 */
public final class VoucherDomain {

  public static final String NAME = "Proofmint UsageEscrow";
  public static final String VERSION = "1";
  public static final Hash32 DOMAIN_TYPEHASH =
      Keccak.hashUtf8(
          "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
  public static final Hash32 VOUCHER_TYPEHASH =
      Keccak.hashUtf8(
          "Voucher(address user,address modelToken,uint256 cumulativeAmount,uint64 expiry)");

  /** secp256k1 group order n, and n / 2: the largest {@code s} the escrow accepts. */
  private static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();

  private static final BigInteger HALF_ORDER = CURVE_ORDER.shiftRight(1);

  private final long chainId;
  private final Address escrow;
  private final byte[] separator;

  public VoucherDomain(long chainId, Address escrow) {
    if (chainId <= 0) {
      throw new IllegalArgumentException("chain id: expected > 0, got " + chainId);
    }
    this.chainId = chainId;
    this.escrow = escrow;
    this.separator =
        AbiEncoder.create()
            .bytes32(DOMAIN_TYPEHASH)
            .bytes32(Keccak.hashUtf8(NAME))
            .bytes32(Keccak.hashUtf8(VERSION))
            .uint256(chainId)
            .address(escrow)
            .hash()
            .bytes();
  }

  public long chainId() {
    return chainId;
  }

  public Address escrow() {
    return escrow;
  }

  public Hash32 separator() {
    return Hash32.of(separator);
  }

  public static Hash32 structHash(Voucher v) {
    return AbiEncoder.create()
        .bytes32(VOUCHER_TYPEHASH)
        .address(v.user())
        .address(v.modelToken())
        .uint256(v.cumulativeAmount())
        .uint256(v.expiry())
        .hash();
  }

  /** {@code keccak256(0x19 || 0x01 || domainSeparator || structHash)}, what the user signs. */
  public Hash32 digest(Voucher v) {
    return Keccak.hash(new byte[] {0x19, 0x01}, separator, structHash(v).bytes());
  }

  /** Signs {@code voucher} with {@code key} (RFC 6979, low {@code s}). */
  public SignedVoucher sign(Voucher voucher, Credentials key) {
    Sign.SignatureData sig =
        Sign.signMessage(digest(voucher).bytes(), key.getEcKeyPair(), /* needToHash= */ false);
    byte[] packed = new byte[SignedVoucher.SIGNATURE_BYTES];
    System.arraycopy(sig.getR(), 0, packed, 0, 32);
    System.arraycopy(sig.getS(), 0, packed, 32, 32);
    packed[64] = sig.getV()[0];
    return new SignedVoucher(voucher, packed);
  }

  /**
   * The address whose key produced {@code signed.signature()} over this domain's digest, or empty
   * when the signature is malformed, has a high {@code s} or a {@code v} other than 27 or 28, or
   * recovers no key. Contract (ERC-1271) accounts are not supported here.
   */
  public Optional<Address> recover(SignedVoucher signed) {
    byte[] sig = signed.signature();
    if (sig.length != SignedVoucher.SIGNATURE_BYTES) {
      return Optional.empty();
    }
    byte v = sig[64];
    if (v != 27 && v != 28) {
      return Optional.empty();
    }
    byte[] r = Arrays.copyOfRange(sig, 0, 32);
    byte[] s = Arrays.copyOfRange(sig, 32, 64);
    BigInteger rv = new BigInteger(1, r);
    BigInteger sv = new BigInteger(1, s);
    if (rv.signum() == 0
        || rv.compareTo(CURVE_ORDER) >= 0
        || sv.signum() == 0
        || sv.compareTo(HALF_ORDER) > 0) {
      return Optional.empty();
    }
    try {
      BigInteger key =
          Sign.signedMessageHashToKey(
              digest(signed.voucher()).bytes(), new Sign.SignatureData(v, r, s));
      return Optional.of(Address.fromHex("0x" + Keys.getAddress(key)));
    } catch (java.security.SignatureException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
