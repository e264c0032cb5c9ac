package io.proofmint.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.ContractArtifacts;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.generated.MockERC20;
import io.proofmint.wrappers.generated.RevenueRouter;
import io.proofmint.wrappers.generated.StakeManager;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteDeployerIT {

  @TempDir Path dir;

  @Test
  void deploy_writesManifestMatchingTheChain_andRerunKeepsEverything() throws Exception {
    Path manifestFile = dir.resolve("deployment.json");
    List<String> progress = new ArrayList<>();
    try (AnvilDevnet devnet = AnvilDevnet.start(AnvilOptions.forTest("SuiteDeployerIT"));
        ChainConnection chain = ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(31337))) {
      SuiteDeployer deployer =
          new SuiteDeployer(
              chain,
              devnet.fundedAccounts().get(0),
              ContractArtifacts.load(),
              Clock.systemUTC(),
              progress::add);

      DeploymentManifest first = deployer.deploy(manifestFile);

      assertThat(DeploymentManifest.read(manifestFile)).isEqualTo(first);
      assertThat(first.chainId()).isEqualTo(31337);
      assertThat(first.contracts().keySet()).containsExactlyElementsOf(SuiteRoles.ALL);
      assertThat(first.deployBlock()).isEqualTo(first.contract(SuiteRoles.PAYMENT_TOKEN).block());
      assertThat(first.compilerVersion()).startsWith("0.8.28");
      MockERC20 payment =
          MockERC20.load(
              first.contract(SuiteRoles.PAYMENT_TOKEN).address(),
              chain.web3j(),
              chain.sender(devnet.fundedAccounts().get(0)),
              chain.gasProvider());
      assertThat(payment.decimals().send()).isEqualTo(BigInteger.valueOf(6));
      String registry = first.contract(SuiteRoles.TRAINING_REGISTRY).address();
      var gas = chain.gasProvider();
      var sender = chain.sender(devnet.fundedAccounts().get(0));
      assertThat(
              StakeManager.load(
                      first.contract(SuiteRoles.STAKE_MANAGER).address(),
                      chain.web3j(),
                      sender,
                      gas)
                  .registry()
                  .send())
          .isEqualToIgnoringCase(registry);
      assertThat(
              RevenueRouter.load(
                      first.contract(SuiteRoles.REVENUE_ROUTER).address(),
                      chain.web3j(),
                      sender,
                      gas)
                  .registry()
                  .send())
          .isEqualToIgnoringCase(registry);

      progress.clear();
      DeploymentManifest second = deployer.deploy(manifestFile);

      assertThat(second).isEqualTo(first);
      assertThat(progress).allMatch(line -> line.contains("kept"));
    }
  }

  @Test
  void deploy_onAFreshChainIgnoresAManifestWhoseCodeIsGone() throws Exception {
    Path manifestFile = dir.resolve("deployment.json");
    DeploymentManifest old;
    try (AnvilDevnet devnet = AnvilDevnet.start(AnvilOptions.forTest("SuiteDeployerIT-old"));
        ChainConnection chain = ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(31337))) {
      old =
          new SuiteDeployer(
                  chain,
                  devnet.fundedAccounts().get(1),
                  ContractArtifacts.load(),
                  Clock.systemUTC(),
                  s -> {})
              .deploy(manifestFile);
    }
    List<String> progress = new ArrayList<>();
    try (AnvilDevnet devnet = AnvilDevnet.start(AnvilOptions.forTest("SuiteDeployerIT-new"));
        ChainConnection chain = ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(31337))) {
      DeploymentManifest fresh =
          new SuiteDeployer(
                  chain,
                  devnet.fundedAccounts().get(0),
                  ContractArtifacts.load(),
                  Clock.systemUTC(),
                  progress::add)
              .deploy(manifestFile);
      assertThat(progress.get(0)).contains("no longer on this chain");
      assertThat(fresh.rpcUrl()).isEqualTo(devnet.rpcUrl().toString());
      assertThat(fresh.deployer()).isNotEqualTo(old.deployer());
    }
  }

  @Test
  void deploy_refusesANonDevnetChain() throws Exception {
    try (AnvilDevnet devnet =
            AnvilDevnet.start(
                new AnvilOptions(
                    11155111,
                    3,
                    0,
                    Path.of("target/devnet-logs/SuiteDeployerIT-sepolia-id.log"),
                    java.time.Duration.ofSeconds(30)));
        ChainConnection chain = ChainConnection.open(devnet.rpcUrl(), OptionalLong.empty())) {
      SuiteDeployer deployer =
          new SuiteDeployer(
              chain,
              devnet.fundedAccounts().get(0),
              ContractArtifacts.load(),
              Clock.systemUTC(),
              s -> {});
      assertThatThrownBy(() -> deployer.deploy(dir.resolve("m.json")))
          .hasMessageContaining("chain id 11155111 is not a devnet");
    }
  }
}
