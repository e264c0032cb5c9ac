package io.proofmint.protocol.crypto;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/**
 * Solidity's {@code abi.encode} for static values: every value is one 32-byte big-endian word,
 * numbers and addresses left-padded with zeros. Optionally preceded by raw prefix bytes, for the
 * {@code 0x00 || abi.encode(...)} shape of tree leaves.
 */
public final class AbiEncoder {

  private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

  private final ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 10 + 1);

  private AbiEncoder() {}

  public static AbiEncoder create() {
    return new AbiEncoder();
  }

  /** Starts with one raw byte (not a word), e.g. the {@code 0x00} leaf prefix. */
  public static AbiEncoder withPrefix(int prefixByte) {
    AbiEncoder encoder = new AbiEncoder();
    encoder.out.write(prefixByte);
    return encoder;
  }

  public AbiEncoder bytes32(Hash32 value) {
    out.writeBytes(value.bytes());
    return this;
  }

  /** A non-negative {@code long} as {@code uint256}. */
  public AbiEncoder uint256(long value) {
    if (value < 0) {
      throw new IllegalArgumentException("uint256: expected a non-negative value, got " + value);
    }
    out.writeBytes(new byte[24]);
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (value >>> shift));
    }
    return this;
  }

  public AbiEncoder uint256(BigInteger value) {
    out.writeBytes(uint256Word(value));
    return this;
  }

  public AbiEncoder address(Address value) {
    out.writeBytes(new byte[12]);
    out.writeBytes(value.bytes());
    return this;
  }

  public byte[] toBytes() {
    return out.toByteArray();
  }

  /** keccak-256 of the encoded bytes. */
  public Hash32 hash() {
    return Keccak.hash(toBytes());
  }

  /** The 32-byte big-endian word of a uint256. */
  public static byte[] uint256Word(BigInteger value) {
    checkUint256(value, "uint256");
    byte[] magnitude = value.toByteArray();
    byte[] word = new byte[32];
    int length = Math.min(magnitude.length, 32); // toByteArray may add one sign byte
    System.arraycopy(magnitude, magnitude.length - length, word, 32 - length, length);
    return word;
  }

  /**
   * Checks that {@code value} fits a {@code uint256}.
   *
   * @throws IllegalArgumentException naming {@code what} otherwise
   */
  public static BigInteger checkUint256(BigInteger value, String what) {
    if (value.signum() < 0 || value.compareTo(UINT256_LIMIT) >= 0) {
      throw new IllegalArgumentException(
          "%s: expected a value in [0, 2^256), got %s".formatted(what, value));
    }
    return value;
  }
}
