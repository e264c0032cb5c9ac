package io.proofmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.devnet.DevnetState;
import io.proofmint.wrappers.DeploymentManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevnetCommandIT {

  @TempDir Path state;

  @BeforeEach
  void isolateState() {
    System.setProperty("proofmint.state.dir", state.toString());
  }

  @AfterEach
  void stopLeftovers() {
    CliRun.of("devnet", "down");
  }

  @Test
  void upDeployDown_leavesADeploymentAndStopsTheNode() throws Exception {
    CliRun up = CliRun.of("devnet", "up");
    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(up.out()).contains("devnet up at http://127.0.0.1:");
    DevnetState devnet = DevnetState.read(state.resolve("devnet.json")).orElseThrow();
    assertThat(devnet.isRunning()).isTrue();

    CliRun again = CliRun.of("devnet", "up");
    assertThat(again.out()).contains("already running at " + devnet.rpcUrl());
    assertThat(CliRun.of("devnet", "status").exitCode()).isZero();
    CliRun json = CliRun.of("devnet", "status", "--json");
    assertThat(json.exitCode()).isZero();
    assertThat(json.out())
        .contains("\"running\" : true", "\"rpcUrl\" : \"" + devnet.rpcUrl() + "\"")
        .contains("\"pid\" : " + devnet.pid());

    CliRun deploy = CliRun.of("deploy");
    assertThat(deploy.exitCode()).as(deploy.err()).isZero();
    assertThat(deploy.out()).contains("PaymentToken", "StakeToken");
    DeploymentManifest manifest = DeploymentManifest.read(state.resolve("deployment.json"));
    assertThat(manifest.rpcUrl()).isEqualTo(devnet.rpcUrl().toString());

    CliRun down = CliRun.of("devnet", "down");
    assertThat(down.out()).contains("stopped (pid " + devnet.pid() + ")");
    assertThat(ProcessHandle.of(devnet.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(Files.exists(state.resolve("devnet.json"))).isFalse();
    assertThat(CliRun.of("devnet", "status").exitCode()).isEqualTo(3);
    CliRun stopped = CliRun.of("devnet", "status", "--json");
    assertThat(stopped.exitCode()).isEqualTo(3);
    assertThat(stopped.out()).contains("\"running\" : false");
  }

  @Test
  void deploy_withoutAChainSaysHowToGetOne() {
    CliRun deploy = CliRun.of("deploy");
    assertThat(deploy.exitCode()).isEqualTo(1);
    assertThat(deploy.err())
        .contains("pass --rpc URL, or start a devnet with `proofmint devnet up`");
  }
}
