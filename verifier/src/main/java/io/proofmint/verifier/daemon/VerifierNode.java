package io.proofmint.verifier.daemon;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.protocol.artifacts.ArtifactFetcher;
import io.proofmint.protocol.artifacts.FetchPolicy;
import io.proofmint.protocol.artifacts.LocalArtifactStore;
import io.proofmint.protocol.artifacts.Sleeper;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.dataset.Dataset;
import io.proofmint.protocol.dataset.DatasetWriter;
import io.proofmint.worker.engine.WorkerPool;
import io.proofmint.worker.task.DatasetExamples;
import io.proofmint.worker.task.ModelDefinition;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.attest.AttestationSigner;
import io.proofmint.wrappers.suite.Suite;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * A running verifier: the daemon, its HTTP endpoint, the replay engine and their threads, wired
 * from a {@link VerifierConfig}. {@link #close()} stops everything it started.
 */
public final class VerifierNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VerifierNode.class);

  private final List<AutoCloseable> owned;
  private final VerifierDaemon daemon;
  private final VerifierHttpServer http;
  private final VerifierMetrics metrics;

  private VerifierNode(
      List<AutoCloseable> owned,
      VerifierDaemon daemon,
      VerifierHttpServer http,
      VerifierMetrics metrics) {
    this.owned = owned;
    this.daemon = daemon;
    this.http = http;
    this.metrics = metrics;
  }

  /**
   * What {@code proofmint verifier run} calls: connects to the chain, loads the deployment, the
   * models and their datasets, and starts.
   *
   * @param account the verifier's key (from {@code wrappers.Signers})
   * @param registry where the node's metrics register ({@link PrometheusRegistry#defaultRegistry}
   *     for the process's one verifier); {@code GET /metrics} serves this registry
   */
  public static VerifierNode start(
      VerifierConfig config, Credentials account, PrometheusRegistry registry) throws IOException {
    Objects.requireNonNull(config.rpcUrl(), "rpcUrl");
    Objects.requireNonNull(config.deploymentManifest(), "deploymentManifest");
    List<ServedModel> models = new ArrayList<>();
    for (VerifierConfig.ModelSource source : config.models()) {
      models.add(load(source));
    }
    ChainConnection chain = ChainConnection.open(config.rpcUrl(), config.chainId());
    try {
      Suite suite =
          Suite.load(chain, DeploymentManifest.read(config.deploymentManifest()), account);
      VerifierNode node = start(suite, models, config, registry);
      node.owned.add(chain);
      return node;
    } catch (IOException | RuntimeException e) {
      chain.close();
      throw e;
    }
  }

  /**
   * Starts a verifier for {@code suite}'s account over an open connection (which the caller keeps
   * and closes), serving {@code models}. The config's chain, deployment and model fields are not
   * used. The node's metrics register in {@code registry}: one node per registry.
   */
  public static VerifierNode start(
      Suite suite, List<ServedModel> models, VerifierConfig config, PrometheusRegistry registry)
      throws IOException {
    if (models.isEmpty()) {
      throw new IllegalArgumentException(
          "verifier: expected at least one model to serve, got none");
    }
    Map<Hash32, ServedModel> bySpec = new HashMap<>();
    for (ServedModel m : models) {
      bySpec.put(m.specHash(), m);
      LOG.info("serving model '{}' (spec {})", m.definition().name(), m.specHash());
    }
    List<AutoCloseable> owned = new ArrayList<>();
    try {
      WorkerPool workers = WorkerPool.create(config.workerThreads());
      owned.add(workers);
      FetchPolicy policy = FetchPolicy.defaults();
      HttpClient artifactClient = ArtifactFetcher.newHttpClient(policy);
      ArtifactFetcher fetcher =
          new ArtifactFetcher(
              URI.create("http://127.0.0.1"),
              new LocalArtifactStore(config.workDir().resolve("artifacts")),
              artifactClient,
              policy,
              Sleeper.system());
      VerifierMetrics metrics = new VerifierMetrics(registry);
      Web3RegistryClient client = new Web3RegistryClient(suite);
      BundleTaskVerifier verifier =
          new BundleTaskVerifier(
              bySpec,
              fetcher,
              config.workDir().resolve("tasks"),
              CheckpointHasher.sequential(),
              workers,
              metrics,
              client.chainId(),
              client.registry());
      ExecutorService replay =
          Executors.newSingleThreadExecutor(
              Thread.ofPlatform().name("verifier-replay").daemon().factory());
      ScheduledExecutorService scheduler =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofPlatform().name("verifier-daemon").daemon().factory());
      // Closed in reverse order: the loop first, then the replay thread, then the engines.
      owned.add(verifier);
      owned.add(() -> stop(replay));
      owned.add(() -> stop(scheduler));
      AttestationBook book = new AttestationBook();
      HttpClient peerClient = HttpClient.newBuilder().connectTimeout(config.peerTimeout()).build();
      VerifierDaemon daemon =
          new VerifierDaemon(
              client,
              verifier,
              new AttestationSigner(suite.account()),
              new HttpPeerAttestations(config.peers(), peerClient, config.peerTimeout()),
              book,
              new StateFile(config.stateFile()),
              metrics,
              config.daemon(),
              Clock.systemUTC(),
              scheduler,
              replay);
      owned.add(daemon);
      VerifierHttpServer http =
          VerifierHttpServer.start(config.listen(), book, metrics, daemon::healthy);
      owned.add(http);
      daemon.start();
      return new VerifierNode(owned, daemon, http, metrics);
    } catch (IOException | RuntimeException e) {
      closeAll(owned);
      throw e;
    }
  }

  /** Loads a model definition and its dataset, refusing a dataset of another root. */
  public static ServedModel load(VerifierConfig.ModelSource source) throws IOException {
    ModelDefinition definition = ModelDefinition.read(source.modelFile());
    Dataset data = Dataset.load(source.datasetDir().resolve(DatasetWriter.MANIFEST));
    if (!data.commitment().root().equals(definition.datasetRoot())) {
      throw new IOException(
          "dataset %s: expected root %s (model '%s'), got %s"
              .formatted(
                  source.datasetDir(),
                  definition.datasetRoot(),
                  definition.name(),
                  data.commitment().root()));
    }
    return new ServedModel(definition, DatasetExamples.of(data, definition.spec().classCount()));
  }

  public URI endpoint() {
    return http.baseUri();
  }

  public VerifierDaemon daemon() {
    return daemon;
  }

  public VerifierMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    closeAll(owned);
  }

  /** Stops an executor and waits for its running task (a replay must not outlive its engine). */
  private static void stop(ExecutorService executor) throws InterruptedException {
    executor.shutdownNow();
    if (!executor.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)) {
      LOG.warn("{} did not stop within 60 s", executor);
    }
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn("closing {}: {}", resources.get(i), e.toString());
      }
    }
    resources.clear();
  }
}
