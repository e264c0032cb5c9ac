package io.proofmint.cli.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.cli.CliRun;
import io.proofmint.cli.flow.TaskFlow;
import io.proofmint.devnet.AnvilDevnet;
import io.proofmint.devnet.AnvilOptions;
import io.proofmint.devnet.DevnetControl;
import io.proofmint.devnet.SuiteDeployer;
import io.proofmint.devnet.SuiteParameters;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.ContractArtifacts;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.suite.Suite;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * `holder status`, `holder claim`, `settlement run --once` and `serve` as an operator runs them.
 */
class SettlementCliIT {

  private static final BigInteger E18 = BigInteger.TEN.pow(18);
  private static final BigInteger E6 = BigInteger.TEN.pow(6);

  @TempDir Path state;

  @BeforeEach
  void isolateState() {
    System.setProperty("proofmint.state.dir", state.toString());
  }

  @Test
  void holderCommands_showAndClaimRevenue_andTheKeeperRunsOnce() throws Exception {
    try (AnvilDevnet devnet =
            AnvilDevnet.start(
                AnvilOptions.defaults(Path.of("target/devnet-logs/SettlementCliIT.log")));
        ChainConnection chain = ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(31337))) {
      List<Credentials> acc = devnet.fundedAccounts();
      Path manifestFile = state.resolve("deployment.json");
      DeploymentManifest manifest =
          new SuiteDeployer(
                  chain,
                  acc.get(0),
                  ContractArtifacts.load(),
                  SuiteParameters.devnetDefaults(acc.get(8).getAddress(), acc.get(9).getAddress()),
                  Clock.systemUTC(),
                  s -> {})
              .deploy(manifestFile);
      TaskFlow flow =
          new TaskFlow(Suite.load(chain, manifest, acc.get(0)), new DevnetControl(chain));
      TaskFlow.Model model =
          flow.registerModel(
              acc.get(1),
              Keccak.hashUtf8("spec"),
              Keccak.hashUtf8("data"),
              Keccak.hashUtf8("head"),
              rules(),
              "CLI Model",
              "PCLI",
              E18.multiply(BigInteger.valueOf(1000)));
      flow.fundPayment(acc.get(6), E6.multiply(BigInteger.valueOf(100)));
      flow.payRevenue(acc.get(6), model.token(), E6.multiply(BigInteger.valueOf(100)));
      String rpc = devnet.rpcUrl().toString();
      String m = manifestFile.toString();

      CliRun status =
          CliRun.of(
              "holder",
              "status",
              "--rpc",
              rpc,
              "--manifest",
              m,
              "--account",
              acc.get(1).getAddress());
      assertThat(status.exitCode()).as(status.err()).isZero();
      assertThat(status.out()).contains("PCLI", "1000", "79.999999");
      CliRun statusJson =
          CliRun.of(
              "holder",
              "status",
              "--rpc",
              rpc,
              "--manifest",
              m,
              "--account",
              acc.get(1).getAddress(),
              "--json");
      assertThat(statusJson.exitCode()).as(statusJson.err()).isZero();
      assertThat(statusJson.out())
          .contains("\"symbol\" : \"PCLI\"", "\"claimableAsset\" : \"79.999999\"")
          .contains("\"balanceTokens\" : \"1000\"");

      CliRun claim =
          CliRun.of("holder", "claim", "--rpc", rpc, "--manifest", m, "--devnet-account", "1");
      assertThat(claim.exitCode()).as(claim.err()).isZero();
      assertThat(claim.out()).contains("PCLI", "79.999999");
      CliRun again =
          CliRun.of(
              "holder",
              "claim",
              "--rpc",
              rpc,
              "--manifest",
              m,
              "--devnet-account",
              "1",
              "--model",
              model.token());
      assertThat(again.out()).contains("nothing to claim");

      CliRun keeper =
          CliRun.of(
              "settlement",
              "run",
              "--once",
              "--rpc",
              rpc,
              "--manifest",
              m,
              "--devnet-account",
              "7",
              "--db",
              "jdbc:h2:file:" + state.resolve("db/settlement"));
      assertThat(keeper.exitCode()).as(keeper.err()).isZero();
      assertThat(keeper.out()).contains("settlement keeper", "confirmations 0", "indexed to block");

      CliRun serve =
          CliRun.of(
              "serve",
              "0x00000000000000000000000000000000000000a1",
              "--rpc",
              rpc,
              "--manifest",
              m,
              "--port",
              "0");
      assertThat(serve.exitCode()).isEqualTo(1);
      assertThat(serve.err()).contains("is not a model token");
    }
  }

  private static TrainingRegistry.Rules rules() {
    return new TrainingRegistry.Rules(
        BigInteger.valueOf(4),
        BigInteger.valueOf(3),
        BigInteger.valueOf(3),
        BigInteger.valueOf(5),
        BigInteger.ZERO,
        BigInteger.ZERO,
        BigInteger.valueOf(3600),
        BigInteger.valueOf(3600),
        E18.multiply(BigInteger.TEN),
        E18.multiply(BigInteger.valueOf(5)));
  }
}
