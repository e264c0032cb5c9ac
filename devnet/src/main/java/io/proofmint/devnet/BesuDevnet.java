package io.proofmint.devnet;

import io.proofmint.wrappers.DevnetAccounts;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.web3j.crypto.Credentials;

/**
 * Hyperledger Besu in dev mode (chain id 2018, three funded genesis accounts), run by
 * Testcontainers. Needs a Docker engine; {@link #dockerAvailable()} says whether there is one.
 */
public final class BesuDevnet implements Devnet {

  /** Pinned: dev mode mines with a fixed-difficulty PoW that later Besu releases dropped. */
  public static final String IMAGE = "hyperledger/besu:24.1.0";

  public static final long CHAIN_ID = 2018L;
  private static final int RPC_PORT = 8545;

  private final GenericContainer<?> container;

  private BesuDevnet(GenericContainer<?> container) {
    this.container = container;
  }

  /** Whether a Docker engine answers (the Docker client alone is not enough). */
  public static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  public static BesuDevnet start() {
    if (!dockerAvailable()) {
      throw new IllegalStateException(
          "the Besu devnet runs in Docker and no Docker engine answers here: use anvil (the"
              + " default) or --rpc URL");
    }
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(IMAGE))
            .withCommand(
                "--network=dev",
                "--miner-enabled",
                "--miner-coinbase=" + DevnetAccounts.besuDev().get(0).getAddress(),
                "--min-gas-price=0",
                "--rpc-http-enabled",
                "--rpc-http-host=0.0.0.0",
                "--rpc-http-api=ETH,NET,WEB3,TXPOOL",
                "--host-allowlist=*",
                "--rpc-http-cors-origins=all")
            .withExposedPorts(RPC_PORT)
            .waitingFor(
                Wait.forHttp("/liveness")
                    .forPort(RPC_PORT)
                    .forStatusCode(200)
                    .withStartupTimeout(Duration.ofMinutes(2)));
    container.start();
    return new BesuDevnet(container);
  }

  @Override
  public String kind() {
    return "besu";
  }

  @Override
  public URI rpcUrl() {
    return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(RPC_PORT));
  }

  @Override
  public long chainId() {
    return CHAIN_ID;
  }

  @Override
  public List<Credentials> fundedAccounts() {
    return DevnetAccounts.besuDev();
  }

  @Override
  public void close() {
    container.stop();
  }
}
