package io.proofmint.verifier.daemon;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Everything {@code proofmint verifier run} configures, immutable. The CLI maps its options (CLI
 * over environment over config file) into one of these through {@link #builder()}; keys are
 * resolved separately (an encrypted keystore, or a devnet key) and passed to {@link
 * VerifierNode#start}.
 *
 * @param rpcUrl the JSON-RPC node
 * @param chainId the chain the node must be, if given
 * @param deploymentManifest the deployed suite's manifest
 * @param models the models served, each a model definition file and its dataset directory
 * @param peers base URLs of the other verifiers' endpoints
 * @param listen where this verifier's endpoint binds ({@code /attestations}, {@code /metrics},
 *     {@code /health})
 * @param stateFile the daemon's cursor and open tasks (written atomically)
 * @param workDir fetched artifacts and bundles
 * @param workerThreads threads of the replay engine (the verdict does not depend on it)
 * @param peerTimeout per request to a peer
 * @param daemon polling, confirmations, backoff, grace, disputes, keeper
 */
public record VerifierConfig(
    URI rpcUrl,
    OptionalLong chainId,
    Path deploymentManifest,
    List<ModelSource> models,
    List<URI> peers,
    InetSocketAddress listen,
    Path stateFile,
    Path workDir,
    int workerThreads,
    Duration peerTimeout,
    DaemonSettings daemon) {

  /** A served model: its definition file and its committed dataset directory. */
  public record ModelSource(Path modelFile, Path datasetDir) {
    public ModelSource {
      Objects.requireNonNull(modelFile, "modelFile");
      Objects.requireNonNull(datasetDir, "datasetDir");
    }
  }

  /** The default HTTP port of a verifier endpoint. */
  public static final int DEFAULT_PORT = 9650;

  public VerifierConfig {
    Objects.requireNonNull(chainId, "chainId");
    models = List.copyOf(models);
    peers = List.copyOf(peers);
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(stateFile, "stateFile");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(peerTimeout, "peerTimeout");
    Objects.requireNonNull(daemon, "daemon");
    if (workerThreads < 1) {
      throw new IllegalArgumentException("workerThreads: expected >= 1, got " + workerThreads);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link VerifierConfig}; unset values take the defaults documented on each setter. */
  public static final class Builder {
    private URI rpcUrl;
    private OptionalLong chainId = OptionalLong.empty();
    private Path deploymentManifest;
    private final List<ModelSource> models = new ArrayList<>();
    private final List<URI> peers = new ArrayList<>();
    private InetSocketAddress listen = new InetSocketAddress("127.0.0.1", DEFAULT_PORT);
    private Path stateFile = Path.of(".proofmint", "verifier", "state.json");
    private Path workDir = Path.of(".proofmint", "verifier");
    private int workerThreads = Runtime.getRuntime().availableProcessors();
    private Duration peerTimeout = Duration.ofSeconds(5);
    private DaemonSettings daemon = DaemonSettings.defaults();

    private Builder() {}

    public Builder rpcUrl(URI value) {
      rpcUrl = value;
      return this;
    }

    public Builder chainId(long value) {
      chainId = OptionalLong.of(value);
      return this;
    }

    public Builder deploymentManifest(Path value) {
      deploymentManifest = value;
      return this;
    }

    public Builder model(Path modelFile, Path datasetDir) {
      models.add(new ModelSource(modelFile, datasetDir));
      return this;
    }

    public Builder peer(URI value) {
      peers.add(value);
      return this;
    }

    public Builder peers(List<URI> values) {
      peers.addAll(values);
      return this;
    }

    /** Default 127.0.0.1:9650. */
    public Builder listen(InetSocketAddress value) {
      listen = value;
      return this;
    }

    /** Default .proofmint/verifier/state.json. */
    public Builder stateFile(Path value) {
      stateFile = value;
      return this;
    }

    /** Default .proofmint/verifier. */
    public Builder workDir(Path value) {
      workDir = value;
      return this;
    }

    /** Default: all cores. */
    public Builder workerThreads(int value) {
      workerThreads = value;
      return this;
    }

    /** Default 5 s. */
    public Builder peerTimeout(Duration value) {
      peerTimeout = value;
      return this;
    }

    /** Default {@link DaemonSettings#defaults()}. */
    public Builder daemon(DaemonSettings value) {
      daemon = value;
      return this;
    }

    public VerifierConfig build() {
      return new VerifierConfig(
          rpcUrl,
          chainId,
          deploymentManifest,
          models,
          peers,
          listen,
          stateFile,
          workDir,
          workerThreads,
          peerTimeout,
          daemon);
    }
  }
}
