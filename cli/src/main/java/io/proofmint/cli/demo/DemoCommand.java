package io.proofmint.cli.demo;

import io.proofmint.cli.LoggingMixin;
import io.proofmint.cli.ManifestTable;
import io.proofmint.cli.Workspace;
import io.proofmint.cli.flow.TaskFlow;
import io.proofmint.devnet.AnvilDevnet;
import io.proofmint.devnet.AnvilOptions;
import io.proofmint.devnet.Devnet;
import io.proofmint.devnet.DevnetControl;
import io.proofmint.devnet.ExternalNode;
import io.proofmint.devnet.SuiteDeployer;
import io.proofmint.protocol.artifacts.ArtifactServer;
import io.proofmint.protocol.artifacts.ArtifactServerConfig;
import io.proofmint.protocol.artifacts.LocalArtifactStore;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.ContractArtifacts;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.suite.Suite;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `proofmint demo`: the main job, end to end on a devnet. Each stage prints what it did and adds
 * its results to the summary.
 */
@Command(
    name = "demo",
    footer = {
      "",
      "Example:",
      "  proofmint demo",
      "  proofmint demo --with-cheater --summary out.json"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Run Proofmint end to end: start an embedded anvil devnet (or use --rpc), deploy the"
          + " contract suite, commit a synthetic dataset, register a model and a task, train it"
          + " for real and commit its proof-of-learning, let three verifiers replay and attest it,"
          + " finalize, then stop the devnet it started.",
    })
public final class DemoCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin LoggingMixin logging;

  @Option(
      names = "--rpc",
      paramLabel = "URL",
      description = "Use this node instead of an embedded devnet (it is left running).")
  URI rpc;

  @Option(
      names = "--summary",
      paramLabel = "FILE",
      description = "Also write a machine-readable summary (JSON) of the run to FILE.")
  Path summary;

  @Option(
      names = "--with-cheater",
      description =
          "Add a second trainer who submits random weights instead of training; the verifiers"
              + " prove the fraud on-chain and its bond is slashed.")
  boolean withCheater;

  @Override
  public Integer call() throws Exception {
    Instant started = Instant.now();
    Workspace workspace = Workspace.locate();
    PrintWriter out = spec.commandLine().getOut();

    out.println("[1/5] devnet");
    try (Devnet devnet = startDevnet(workspace)) {
      out.printf("      %s at %s, chain id %d%n", devnet.kind(), devnet.rpcUrl(), devnet.chainId());

      out.println("[2/5] deploy the contract suite");
      Path demoDir = workspace.dir().resolve("demo");
      Path manifestFile = demoDir.resolve("deployment.json");
      if (rpc == null) {
        // A fresh embedded chain: nothing from an earlier run can be on it.
        Files.deleteIfExists(manifestFile);
      }
      // Every run trains anew: earlier bundles belong to earlier chains.
      for (String perRun :
          List.of("worker", "cheater", "verifier-0", "verifier-1", "verifier-2", "settlement-db")) {
        deleteRecursively(demoDir.resolve(perRun));
      }
      DeploymentManifest manifest;
      try (ChainConnection chain =
              ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(devnet.chainId()));
          ArtifactServer artifacts =
              ArtifactServer.start(
                  new LocalArtifactStore(demoDir.resolve("artifacts")),
                  ArtifactServerConfig.loopback())) {
        List<Credentials> accounts = devnet.fundedAccounts();
        manifest =
            new SuiteDeployer(
                    chain,
                    accounts.get(0),
                    ContractArtifacts.load(),
                    Clock.systemUTC(),
                    line -> out.println("      " + line))
                .deploy(manifestFile);
        out.println();
        ManifestTable.print(manifest, out);
        out.println("manifest: " + manifestFile);
        out.println();

        out.println("[3/5] train: dataset, model, task, training, proof commitment");
        out.println("      artifact store served at " + artifacts.baseUri());
        TaskFlow flow =
            new TaskFlow(Suite.load(chain, manifest, accounts.get(0)), new DevnetControl(chain));
        LocalArtifactStore store = new LocalArtifactStore(demoDir.resolve("artifacts"));
        TrainingStage trainingStage = new TrainingStage(flow, demoDir, out);
        TrainingStage.Result training =
            trainingStage.run(accounts.get(1), accounts.get(2), store, artifacts.baseUri());
        out.println();

        out.println(
            "[4/5] verify: replay sampled segments, attest, challenge window, finalize"
                + (withCheater ? " (with a cheating trainer)" : ""));
        VerificationStage.Result verification =
            new VerificationStage(flow, demoDir, out)
                .run(
                    trainingStage,
                    training,
                    accounts.subList(3, 6),
                    accounts.get(1),
                    withCheater ? accounts.get(6) : null,
                    store,
                    artifacts.baseUri());

        out.println();
        out.println("[5/5] revenue: paid calls, voucher redemption, holders claim");
        SettlementStage.Result revenue =
            new SettlementStage(flow, demoDir, out)
                .run(
                    trainingStage,
                    training,
                    trainingStage.heldOutData(),
                    accounts.get(2),
                    accounts.get(8),
                    accounts.get(7),
                    accounts.get(0));

        DemoSummary result =
            DemoSummary.of(
                devnet,
                manifest,
                manifestFile,
                training,
                verification,
                revenue,
                Duration.between(started, Instant.now()));
        if (summary != null) {
          result.write(summary);
          out.println("summary: " + summary.toAbsolutePath());
        }
      }
    }
    out.printf(
        "demo finished in %.1f s%n", Duration.between(started, Instant.now()).toMillis() / 1e3);
    return 0;
  }

  private static void deleteRecursively(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private Devnet startDevnet(Workspace workspace) throws Exception {
    if (rpc != null) {
      return ExternalNode.connect(rpc);
    }
    return AnvilDevnet.start(AnvilOptions.defaults(workspace.log("anvil-demo.log")));
  }
}
