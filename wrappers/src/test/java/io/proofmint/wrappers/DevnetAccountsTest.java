package io.proofmint.wrappers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

class DevnetAccountsTest {

  @Test
  void anvil_derivesTheAddressesAnvilFunds() {
    assertThat(DevnetAccounts.anvil(2))
        .extracting(Credentials::getAddress)
        .containsExactly(
            "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
            "0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
  }

  @Test
  void besuDev_matchesBesuDevGenesisAddresses() {
    assertThat(DevnetAccounts.besuDev())
        .extracting(Credentials::getAddress)
        .containsExactly(
            "0xfe3b557e8fb62b89f4916b721be55ceb828dbd73",
            "0x627306090abab3a6e1400e9345bc60c78a8bef57",
            "0xf17f52151ebef6c7334fad080c5704d77216b732");
  }
}
