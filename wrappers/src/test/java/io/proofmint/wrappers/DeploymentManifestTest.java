package io.proofmint.wrappers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentManifestTest {

  @TempDir Path dir;

  static DeploymentManifest sample() {
    return new DeploymentManifest(
            DeploymentManifest.VERSION,
            31337,
            "http://127.0.0.1:8545",
            1,
            "0.8.28+commit.7893614a",
            "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266",
            "2026-11-24T22:00:00Z",
            Map.of())
        .with(
            "PaymentToken",
            new DeployedContract(
                "MockERC20",
                "0x5fbdb2315678afecb367f032d93f642f64180aa3",
                "0xab",
                1,
                "0x01",
                "0x02"))
        .with(
            "StakeToken",
            new DeployedContract(
                "MockERC20",
                "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512",
                "0xcd",
                2,
                "0x01",
                "0x03"));
  }

  @Test
  void writeThenRead_returnsEqualManifestWithContractsInDeploymentOrder() throws IOException {
    Path file = dir.resolve("deployment.json");
    sample().write(file);

    DeploymentManifest read = DeploymentManifest.read(file);

    assertThat(read).isEqualTo(sample());
    assertThat(read.contracts().keySet()).containsExactly("PaymentToken", "StakeToken");
  }

  @Test
  void read_missingFieldNamesFileAndField() throws IOException {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, sample().toJson().replace("\"chainId\" : 31337,", ""));

    assertThatThrownBy(() -> DeploymentManifest.read(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("chainId");
  }

  @Test
  void read_otherFormatVersionIsRefused() throws IOException {
    Path file = dir.resolve("future.json");
    Files.writeString(file, sample().toJson().replace("\"version\" : 1", "\"version\" : 7"));

    assertThatThrownBy(() -> DeploymentManifest.read(file))
        .hasMessageContaining("expected format version 1, got 7");
  }

  @Test
  void read_absentFileSaysHowToCreateIt() {
    assertThatThrownBy(() -> DeploymentManifest.read(dir.resolve("nope.json")))
        .hasMessageContaining("no such file")
        .hasMessageContaining("proofmint deploy");
  }

  @Test
  void contract_unknownRoleListsKnownRoles() {
    assertThatThrownBy(() -> sample().contract("Registry"))
        .hasMessageContaining("has no Registry")
        .hasMessageContaining("PaymentToken");
  }
}
