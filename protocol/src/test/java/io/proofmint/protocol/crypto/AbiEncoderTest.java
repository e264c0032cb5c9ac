package io.proofmint.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class AbiEncoderTest {

  @Test
  void encode_matchesSolidityAbiEncode() {
    // cast abi-encode "f(bytes32,uint256,address)" 0x11..11 31337
    // 0x5FbDB2315678afecb367f032d93F642f64180aa3
    byte[] encoded =
        AbiEncoder.create()
            .bytes32(Hash32.fromHex("0x" + "11".repeat(32)))
            .uint256(31337)
            .address(Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3"))
            .toBytes();
    assertThat(Hex.encode(encoded))
        .isEqualTo(
            "0x"
                + "11".repeat(32)
                + "0000000000000000000000000000000000000000000000000000000000007a69"
                + "0000000000000000000000005fbdb2315678afecb367f032d93f642f64180aa3");
  }

  @Test
  void withPrefix_putsOneRawByteBeforeTheWords() {
    byte[] encoded = AbiEncoder.withPrefix(0x02).uint256(1).toBytes();
    assertThat(encoded).hasSize(33);
    assertThat(encoded[0]).isEqualTo((byte) 2);
    assertThat(encoded[32]).isEqualTo((byte) 1);
  }

  @Test
  void uint256_encodesLongAndBigIntegerAlike() {
    assertThat(AbiEncoder.create().uint256(Long.MAX_VALUE).toBytes())
        .isEqualTo(AbiEncoder.create().uint256(BigInteger.valueOf(Long.MAX_VALUE)).toBytes());
  }

  @Test
  void uint256_acceptsMaximumAndRejectsOverflowOrNegative() {
    BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    assertThat(AbiEncoder.uint256Word(max)).containsOnly((byte) 0xff);
    assertThatThrownBy(() -> AbiEncoder.uint256Word(max.add(BigInteger.ONE)))
        .hasMessageContaining("expected a value in [0, 2^256)");
    assertThatThrownBy(() -> AbiEncoder.create().uint256(-1))
        .hasMessage("uint256: expected a non-negative value, got -1");
  }
}
