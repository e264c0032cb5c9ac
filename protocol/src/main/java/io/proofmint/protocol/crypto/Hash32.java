package io.proofmint.protocol.crypto;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A 32-byte value: a keccak-256 digest or any {@code bytes32}. Equality is by content; the array is
 * copied in and out, so a {@code Hash32} never changes.
 */
public record Hash32(byte[] bytes) {

  public static final int SIZE = 32;

  /** {@code bytes32(0)}: the empty leaf of a positional Merkle tree. */
  public static final Hash32 ZERO = new Hash32(new byte[SIZE]);

  public Hash32 {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException(
          "hash32: expected %d bytes, got %d".formatted(SIZE, bytes.length));
    }
    bytes = bytes.clone();
  }

  public static Hash32 of(byte[] bytes) {
    return new Hash32(bytes);
  }

  /** Reads 32 bytes at {@code offset}. */
  public static Hash32 of(byte[] source, int offset) {
    return new Hash32(Arrays.copyOfRange(source, offset, offset + SIZE));
  }

  /** Parses {@code 0x} + 64 hex digits (either case; the prefix is optional). */
  public static Hash32 fromHex(String hex) {
    byte[] decoded = Hex.decode(hex);
    if (decoded.length != SIZE) {
      throw new IllegalArgumentException(
          "hash32 '%s': expected %d bytes, got %d".formatted(hex, SIZE, decoded.length));
    }
    return new Hash32(decoded);
  }

  /** A fresh copy of the 32 bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Copies the 32 bytes into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, SIZE);
  }

  /** The value read as an unsigned big-endian 256-bit integer ({@code uint256(x)} in Solidity). */
  public BigInteger toUnsignedBigInteger() {
    return new BigInteger(1, bytes);
  }

  public boolean isZero() {
    return Arrays.equals(bytes, ZERO.bytes);
  }

  /** {@code 0x} + 64 lower-case hex digits. */
  public String toHex() {
    return Hex.encode(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Hash32 that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
