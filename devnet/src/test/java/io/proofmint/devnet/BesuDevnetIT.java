package io.proofmint.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.ContractArtifacts;
import io.proofmint.wrappers.DeploymentManifest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Besu dev mode through Testcontainers; needs a Docker engine and skips with the reason without.
 */
class BesuDevnetIT {

  @TempDir Path dir;

  @Test
  void besuDevMode_deploysTheSuite() throws Exception {
    boolean docker = BesuDevnet.dockerAvailable();
    String reason =
        "no Docker engine answers on this machine: the Besu devnet runs in a container, so this"
            + " test is skipped (anvil covers the same paths)";
    if (!docker) {
      LoggerFactory.getLogger(BesuDevnetIT.class)
          .warn("SKIPPED besuDevMode_deploysTheSuite: {}", reason);
    }
    assumeTrue(docker, reason);
    try (BesuDevnet besu = BesuDevnet.start();
        ChainConnection chain =
            ChainConnection.open(besu.rpcUrl(), OptionalLong.of(BesuDevnet.CHAIN_ID))) {
      DeploymentManifest manifest =
          new SuiteDeployer(
                  chain,
                  besu.fundedAccounts().get(0),
                  ContractArtifacts.load(),
                  Clock.systemUTC(),
                  s -> {})
              .deploy(dir.resolve("deployment.json"));
      assertThat(manifest.contracts()).hasSize(2);
    }
  }
}
