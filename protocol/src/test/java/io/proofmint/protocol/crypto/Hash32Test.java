package io.proofmint.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class Hash32Test {

  private static final String HEX =
      "0x00fe8e7d1a47875a769dfce7070bc1c7c8658950c2defefba327b4241645b163";

  @Test
  void fromHex_roundTripsToLowerCaseHex() {
    assertThat(Hash32.fromHex(HEX.toUpperCase().replace("0X", "0x")).toHex()).isEqualTo(HEX);
  }

  @Test
  void equality_isByContent() {
    assertThat(Hash32.fromHex(HEX)).isEqualTo(Hash32.fromHex(HEX));
    assertThat(Hash32.fromHex(HEX).hashCode()).isEqualTo(Hash32.fromHex(HEX).hashCode());
    assertThat(Hash32.fromHex(HEX)).isNotEqualTo(Hash32.ZERO);
  }

  @Test
  void value_cannotBeChangedThroughArrays() {
    byte[] source = new byte[32];
    Hash32 hash = Hash32.of(source);
    source[0] = 1;
    hash.bytes()[1] = 1;
    assertThat(hash).isEqualTo(Hash32.ZERO);
  }

  @Test
  void of_rejectsWrongLength() {
    assertThatThrownBy(() -> Hash32.of(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("hash32: expected 32 bytes, got 31");
    assertThatThrownBy(() -> Hash32.fromHex("0x1234"))
        .hasMessageContaining("expected 32 bytes, got 2");
  }

  @Test
  void fromHex_rejectsNonHexDigit() {
    assertThatThrownBy(() -> Hash32.fromHex("0x" + "g".repeat(64)))
        .hasMessageContaining("expected a hex digit at position 0, got 'g'");
  }

  @Test
  void toUnsignedBigInteger_readsBigEndianUnsigned() {
    byte[] bytes = new byte[32];
    bytes[0] = (byte) 0x80;
    bytes[31] = 1;
    assertThat(Hash32.of(bytes).toUnsignedBigInteger())
        .isEqualTo(BigInteger.ONE.shiftLeft(255).add(BigInteger.ONE));
  }
}
