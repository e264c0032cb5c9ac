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
  void demo_trainsCommitsAndVerifies_catchingTheCheater_thenWritesTheSummary() throws Exception {
    Path summary = state.resolve("summary.json");

    CliRun run = CliRun.of("demo", "--with-cheater", "--summary", summary.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains(
            "[1/5] devnet",
            "anvil at http://127.0.0.1:",
            "PaymentToken",
            "StakeToken",
            "TrainingRegistry",
            "[3/5] train",
            "[4/5] verify",
            "[5/5] revenue",
            "keeper redeemed 1 voucher(s)",
            "task 1: VALID by 3 of 3 verifiers",
            "task 1 finalized",
            "task 2 rejected",
            "held-out accuracy",
            "committed root 0x")
        .contains("demo finished");
    JsonNode json = new ObjectMapper().readTree(summary.toFile());
    assertThat(json.at("/chain/chainId").asLong()).isEqualTo(31337);
    assertThat(json.at("/deployment/manifest/contracts/PaymentToken/address").asText())
        .startsWith("0x");
    assertThat(json.at("/stages").toString()).contains("deploy", "train", "verify", "revenue");
    JsonNode revenue = json.at("/revenue");
    assertThat(revenue.at("/redeemed").asText()).isEqualTo("2000000"); // 20 calls x 0.1 mUSD
    assertThat(revenue.at("/toHolders").asText()).isEqualTo("1600000");
    for (JsonNode claim : revenue.at("/claims")) {
      // 1.6 mUSD x 250 / 1530 tokens, rounded down, never more
      assertThat(claim.at("/claimed").asLong()).isBetween(261_436L, 261_437L);
    }
    JsonNode tasks = json.at("/verification/tasks");
    assertThat(tasks.get(0).at("/status").asText()).isEqualTo("finalized");
    assertThat(tasks.get(1).at("/status").asText()).isEqualTo("rejected");
    assertThat(tasks.get(1).at("/verdict").asText()).startsWith("FRAUD");
    assertThat(new java.math.BigInteger(tasks.get(1).at("/trainerStakeAfter").asText()))
        .isLessThan(new java.math.BigInteger(tasks.get(1).at("/trainerStakeBefore").asText()));
    JsonNode training = json.at("/training");
    assertThat(training.at("/lastLoss").asDouble())
        .isLessThan(training.at("/firstLoss").asDouble() / 2);
    assertThat(training.at("/heldOutAccuracy").asDouble()).isGreaterThan(0.5);
    assertThat(training.at("/root").asText()).startsWith("0x").hasSize(66);
    assertThat(training.at("/locator").asText()).startsWith("pmb1:http://127.0.0.1:");
    assertThat(Path.of(training.at("/lossCurvePng").asText())).isRegularFile();
  }

  @Test
  void demo_unreachableRpcFailsWithOneLineNamingTheUrl() {
    CliRun run = CliRun.of("demo", "--rpc", "http://127.0.0.1:1");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err())
        .contains("error: no JSON-RPC node answered eth_chainId at http://127.0.0.1:1");
  }
}
