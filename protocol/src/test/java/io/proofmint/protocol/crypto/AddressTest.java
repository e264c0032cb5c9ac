package io.proofmint.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AddressTest {

  @Test
  void toChecksumHex_matchesEip55Examples() {
    for (String example :
        new String[] {
          "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
          "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
          "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
          "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
          "0x5FbDB2315678afecb367f032d93F642f64180aa3"
        }) {
      assertThat(Address.fromHex(example.toLowerCase()).toChecksumHex()).isEqualTo(example);
    }
  }

  @Test
  void fromHex_acceptsSingleCaseAndValidChecksum() {
    Address lower = Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    assertThat(Address.fromHex("0x5FBDB2315678AFECB367F032D93F642F64180AA3")).isEqualTo(lower);
    assertThat(Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3")).isEqualTo(lower);
  }

  @Test
  void fromHex_rejectsBadChecksum() {
    assertThatThrownBy(() -> Address.fromHex("0x5fbDB2315678afecb367f032d93F642f64180aa3"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "bad EIP-55 checksum, expected 0x5FbDB2315678afecb367f032d93F642f64180aa3");
  }

  @Test
  void fromHex_rejectsWrongLengthOrMissingPrefix() {
    assertThatThrownBy(() -> Address.fromHex("0x1234")).hasMessageContaining("40 hex digits");
    assertThatThrownBy(() -> Address.fromHex("5fbdb2315678afecb367f032d93f642f64180aa3"))
        .hasMessageContaining("expected 0x");
  }
}
