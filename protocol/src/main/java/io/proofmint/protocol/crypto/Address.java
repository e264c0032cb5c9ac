package io.proofmint.protocol.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/** A 20-byte Ethereum address. Parses any case, checks EIP-55 when the case is mixed. */
public record Address(byte[] bytes) {

  public static final int SIZE = 20;

  public Address {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException(
          "address: expected %d bytes, got %d".formatted(SIZE, bytes.length));
    }
    bytes = bytes.clone();
  }

  /**
   * Parses {@code 0x} + 40 hex digits. All-lower or all-upper digits are accepted as they are;
   * mixed case must be the EIP-55 checksum.
   */
  public static Address fromHex(String hex) {
    if (!hex.startsWith("0x") || hex.length() != 2 + 2 * SIZE) {
      throw new IllegalArgumentException(
          "address '%s': expected 0x followed by %d hex digits".formatted(hex, 2 * SIZE));
    }
    Address address = new Address(Hex.decode(hex));
    String digits = hex.substring(2);
    boolean mixed =
        !digits.equals(digits.toLowerCase(Locale.ROOT))
            && !digits.equals(digits.toUpperCase(Locale.ROOT));
    if (mixed && !address.toChecksumHex().equals(hex)) {
      throw new IllegalArgumentException(
          "address '%s': bad EIP-55 checksum, expected %s".formatted(hex, address.toChecksumHex()));
    }
    return address;
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** {@code 0x} + 40 lower-case hex digits. */
  public String toHex() {
    return Hex.encode(bytes);
  }

  /** The EIP-55 mixed-case form. */
  public String toChecksumHex() {
    String lower = Hex.encodeBare(bytes);
    byte[] hash = Keccak.digest(lower.getBytes(StandardCharsets.US_ASCII));
    StringBuilder out = new StringBuilder("0x");
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      out.append(nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Address that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toChecksumHex();
  }
}
