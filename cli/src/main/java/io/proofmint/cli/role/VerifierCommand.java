package io.proofmint.cli.role;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.cli.LoggingMixin;
import io.proofmint.cli.Workspace;
import io.proofmint.cli.config.ConfigOption;
import io.proofmint.cli.config.ValuePairs;
import io.proofmint.devnet.ExternalNode;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.verifier.check.BundleCheck;
import io.proofmint.verifier.check.CheckReport;
import io.proofmint.verifier.check.CheckTable;
import io.proofmint.verifier.check.SegmentSelection;
import io.proofmint.verifier.daemon.DaemonSettings;
import io.proofmint.verifier.daemon.ServedModel;
import io.proofmint.verifier.daemon.VerifierConfig;
import io.proofmint.verifier.daemon.VerifierNode;
import io.proofmint.verifier.replay.ReplayPolicy;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `proofmint verifier`: the verifier operator's commands. */
@Command(
    name = "verifier",
    footer = {
      "",
      "Example:",
      "  proofmint verifier check .proofmint/worker/task-1/bundle \\",
      "      --model model.json --dataset data"
    },
    mixinStandardHelpOptions = true,
    description = "Replay proofs-of-learning, attest on-chain, dispute wrong verdicts.",
    subcommands = {VerifierCommand.Check.class, VerifierCommand.Run.class})
public final class VerifierCommand {

  /** `verifier check BUNDLE`. */
  @Command(
      name = "check",
      footer = {
        "",
        "Example:",
        "  proofmint verifier check .proofmint/worker/task-1/bundle \\",
        "      --model model.json --dataset data"
      },
      mixinStandardHelpOptions = true,
      description =
          "Verify a proof bundle offline: validate every file against its hash and the segment tree, replay the chosen segments and print committed vs replayed end hashes (distance in tolerant mode). Exit 0 when every replayed segment matches, 1 otherwise.")
  static final class Check implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin LoggingMixin logging;

    @Parameters(paramLabel = "BUNDLE", description = "The bundle directory (with manifest.json).")
    Path bundle;

    @Option(
        names = "--model",
        required = true,
        paramLabel = "FILE",
        description = "The model definition.")
    Path model;

    @Option(
        names = "--dataset",
        required = true,
        paramLabel = "DIR",
        description = "The committed dataset.")
    Path dataset;

    @Option(
        names = "--segments",
        split = ",",
        paramLabel = "I",
        description = "Replay these segments (default: all, or --seed sampling).")
    List<Integer> segments;

    @Option(
        names = "--seed",
        paramLabel = "HEX",
        description = "Sample as the chain would with this challenge seed.")
    String seed;

    @Option(
        names = "--samples",
        defaultValue = "8",
        description = "With --seed: segments to sample (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(
        names = "--tolerance-micros",
        paramLabel = "N",
        description =
            "Check in tolerant mode with this threshold in millionths (default: the model's mode, exact).")
    Long toleranceMicros;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--full-hashes", description = "Print whole hashes.")
    boolean fullHashes;

    @Override
    public Integer call() throws Exception {
      ServedModel served = VerifierNode.load(new VerifierConfig.ModelSource(model, dataset));
      ReplayPolicy policy =
          toleranceMicros == null
              ? ReplayPolicy.of(served.definition().mode(), ReplayPolicy.DEFAULT_TOLERANCE_MICROS)
              : ReplayPolicy.tolerant(toleranceMicros / 1e6);
      SegmentSelection selection =
          segments != null
              ? SegmentSelection.explicit(segments)
              : seed != null
                  ? SegmentSelection.sampled(Hash32.fromHex(seed), samples)
                  : SegmentSelection.all();
      PrintWriter out = spec.commandLine().getOut();
      CheckReport report =
          BundleCheck.run(
              served.definition(),
              served.data(),
              policy,
              threads != null ? threads : Runtime.getRuntime().availableProcessors(),
              bundle,
              selection,
              row -> {});
      out.print(CheckTable.render(report, fullHashes));
      out.flush();
      return report.isValid() ? 0 : 1;
    }
  }

  /** `verifier run`. */
  @Command(
      name = "run",
      footer = {
        "",
        "Example:",
        "  proofmint verifier run --model model.json data --keystore verifier.json \\",
        "      --password-file pw --rpc http://127.0.0.1:8545 --listen 127.0.0.1:9650 \\",
        "      --peer http://127.0.0.1:9651"
      },
      mixinStandardHelpOptions = true,
      description =
          "Run a verifier: follow the chain behind a confirmation depth, replay the sampled segments of every commitment of the models served, sign attestations, gather the quorum from peers and submit it, dispute verdicts it disagrees with, finalize settled tasks. Serves /attestations/<task>, /metrics (Prometheus) and /health. Runs until interrupted.")
  static final class Run implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ConfigOption config;
    @Mixin ChainRoleOptions role;

    @Option(
        names = "--model",
        required = true,
        arity = "2",
        parameterConsumer = ValuePairs.class,
        paramLabel = "FILE DIR",
        hideParamSyntax = true,
        description = "A model definition and its dataset directory; repeat for more models.")
    List<Path> models;

    @Option(
        names = "--peer",
        paramLabel = "URL",
        split = ",",
        description = "Another verifier's base URL; repeatable, or several comma-separated.")
    List<URI> peers = List.of();

    @Option(
        names = "--listen",
        defaultValue = "127.0.0.1:9650",
        description = "Address of the HTTP endpoint (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(
        names = "--confirmations",
        defaultValue = "3",
        description = "Blocks behind the head it acts on, at most 128 (default: ${DEFAULT-VALUE}).")
    int confirmations;

    @Option(
        names = "--unavailable-grace-seconds",
        defaultValue = "600",
        description =
            "How long a committed bundle may stay unavailable (or not match the commitment)"
                + " before this verifier signs UNAVAILABLE; at most half the model's verify"
                + " timeout is used (default: ${DEFAULT-VALUE}).")
    long unavailableGraceSeconds;

    @Option(
        names = "--poll-seconds",
        defaultValue = "2",
        description = "Chain poll interval (default: ${DEFAULT-VALUE}).")
    int pollSeconds;

    @Option(
        names = "--threads",
        defaultValue = "1",
        description = "Replay worker threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
      Workspace workspace = Workspace.locate();
      ExternalNode node = role.connect(workspace);
      String[] hostPort = listen.split(":");
      if (hostPort.length != 2) {
        throw new IllegalArgumentException("--listen: expected HOST:PORT, got " + listen);
      }
      VerifierConfig.Builder config =
          VerifierConfig.builder()
              .rpcUrl(node.rpcUrl())
              .chainId(node.chainId())
              .deploymentManifest(role.manifest(workspace))
              .peers(peers)
              .listen(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])))
              .stateFile(workspace.dir().resolve("verifier").resolve("state.json"))
              .workDir(workspace.dir().resolve("verifier"))
              .workerThreads(threads)
              .daemon(
                  DaemonSettings.defaults()
                      .withConfirmations(confirmations)
                      .withPollInterval(Duration.ofSeconds(pollSeconds))
                      .withUnavailableGrace(Duration.ofSeconds(unavailableGraceSeconds)));
      for (int i = 0; i + 1 < models.size(); i += 2) {
        config.model(models.get(i), models.get(i + 1));
      }
      try (VerifierNode verifier =
          VerifierNode.start(
              config.build(), role.signer(node), PrometheusRegistry.defaultRegistry)) {
        spec.commandLine()
            .getOut()
            .printf("verifier running; endpoint %s (Ctrl-C stops)%n", verifier.endpoint());
        spec.commandLine().getOut().flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        stop.await();
      }
      return 0;
    }
  }
}
