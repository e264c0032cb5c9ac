package io.proofmint.cli.flow;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.devnet.LoopbackPorts;
import io.proofmint.verifier.daemon.DaemonSettings;
import io.proofmint.verifier.daemon.ServedModel;
import io.proofmint.verifier.daemon.VerifierConfig;
import io.proofmint.verifier.daemon.VerifierNode;
import io.proofmint.wrappers.suite.Suite;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Credentials;

/**
 * A committee of verifier nodes on one machine, each listening on its own loopback port and peering
 * with all the others: the demo's verifiers and the adversarial tests' committee.
 */
public final class VerifierCluster {

  private VerifierCluster() {}

  /**
   * Daemon settings for a local chain that mines on demand: 2 confirmations, 150 ms polls, at most
   * 2 s backoff, 1 s submit grace and retry delay, disputes and keeper duties on.
   */
  public static DaemonSettings devnetSettings(Duration unavailableGrace) {
    return new DaemonSettings(
        2,
        0,
        2_000,
        Duration.ofMillis(150),
        Duration.ofSeconds(2),
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        true,
        true,
        unavailableGrace);
  }

  /**
   * Starts one node per account, node {@code i} working in {@code dir/verifier-i} with one worker
   * thread and its own metrics registry (the nodes share a JVM, and each node's {@code /metrics}
   * shows its own). If one fails to start, those already started are closed. The caller closes the
   * rest.
   */
  public static List<VerifierNode> start(
      Suite suite,
      List<Credentials> accounts,
      List<ServedModel> models,
      Path dir,
      DaemonSettings settings)
      throws IOException {
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < accounts.size(); i++) {
      ports.add(LoopbackPorts.free());
    }
    List<VerifierNode> started = new ArrayList<>();
    try {
      for (int i = 0; i < accounts.size(); i++) {
        List<URI> peers = new ArrayList<>();
        for (int j = 0; j < accounts.size(); j++) {
          if (j != i) {
            peers.add(URI.create("http://127.0.0.1:" + ports.get(j)));
          }
        }
        Path home = dir.resolve("verifier-" + i);
        VerifierConfig config =
            VerifierConfig.builder()
                .listen(new InetSocketAddress("127.0.0.1", ports.get(i)))
                .peers(peers)
                .stateFile(home.resolve("state.json"))
                .workDir(home)
                .workerThreads(1)
                .daemon(settings)
                .build();
        started.add(
            VerifierNode.start(
                suite.as(accounts.get(i)), models, config, new PrometheusRegistry()));
      }
    } catch (IOException | RuntimeException e) {
      for (VerifierNode node : started) {
        try {
          node.close();
        } catch (Exception closing) {
          e.addSuppressed(closing);
        }
      }
      throw e;
    }
    return started;
  }
}
