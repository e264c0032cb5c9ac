package io.proofmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandIT {

  @TempDir Path state;

  @BeforeEach
  void isolateState() {
    System.setProperty("proofmint.state.dir", state.toString());
  }

  @Test
  void demo_deploysOnAnEmbeddedDevnetPrintsTheTableAndWritesTheSummary() throws Exception {
    Path summary = state.resolve("summary.json");

    CliRun run = CliRun.of("demo", "--summary", summary.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "[1/2] devnet", "anvil at http://127.0.0.1:", "PaymentToken", "StakeToken", "MockERC20")
        .contains("demo finished");
    JsonNode json = new ObjectMapper().readTree(summary.toFile());
    assertThat(json.at("/chain/chainId").asLong()).isEqualTo(31337);
    assertThat(json.at("/deployment/manifest/contracts/PaymentToken/address").asText())
        .startsWith("0x");
    assertThat(json.at("/stages").toString()).contains("deploy");
  }

  @Test
  void demo_unreachableRpcFailsWithOneLineNamingTheUrl() {
    CliRun run = CliRun.of("demo", "--rpc", "http://127.0.0.1:1");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("error: no JSON-RPC node answered eth_chainId at http://127.0.0.1:1");
  }
}
