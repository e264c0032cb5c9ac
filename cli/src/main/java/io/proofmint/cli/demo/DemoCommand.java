package io.proofmint.cli.demo;

import io.proofmint.cli.LoggingMixin;
import io.proofmint.cli.ManifestTable;
import io.proofmint.cli.Workspace;
import io.proofmint.devnet.AnvilDevnet;
import io.proofmint.devnet.AnvilOptions;
import io.proofmint.devnet.Devnet;
import io.proofmint.devnet.ExternalNode;
import io.proofmint.devnet.SuiteDeployer;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.ContractArtifacts;
import io.proofmint.wrappers.DeploymentManifest;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
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
    mixinStandardHelpOptions = true,
    description = {
      "Run Proofmint end to end: start an embedded anvil devnet (or use --rpc), deploy the"
          + " contract suite, print the deployment, and stop the devnet it started.",
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

  @Override
  public Integer call() throws Exception {
    Instant started = Instant.now();
    Workspace workspace = Workspace.locate();
    PrintWriter out = spec.commandLine().getOut();

    out.println("[1/2] devnet");
    try (Devnet devnet = startDevnet(workspace)) {
      out.printf("      %s at %s, chain id %d%n", devnet.kind(), devnet.rpcUrl(), devnet.chainId());

      out.println("[2/2] deploy the contract suite");
      Path manifestFile = workspace.dir().resolve("demo").resolve("deployment.json");
      if (rpc == null) {
        // A fresh embedded chain: nothing from an earlier run can be on it.
        Files.deleteIfExists(manifestFile);
      }
      DeploymentManifest manifest;
      try (ChainConnection chain =
          ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(devnet.chainId()))) {
        manifest =
            new SuiteDeployer(
                    chain,
                    devnet.fundedAccounts().get(0),
                    ContractArtifacts.load(),
                    Clock.systemUTC(),
                    line -> out.println("      " + line))
                .deploy(manifestFile);
      }
      out.println();
      ManifestTable.print(manifest, out);
      out.println("manifest: " + manifestFile);

      DemoSummary result =
          DemoSummary.of(devnet, manifest, manifestFile, Duration.between(started, Instant.now()));
      if (summary != null) {
        result.write(summary);
        out.println("summary: " + summary.toAbsolutePath());
      }
    }
    out.printf(
        "demo finished in %.1f s%n", Duration.between(started, Instant.now()).toMillis() / 1e3);
    return 0;
  }

  private Devnet startDevnet(Workspace workspace) throws Exception {
    if (rpc != null) {
      return ExternalNode.connect(rpc);
    }
    return AnvilDevnet.start(AnvilOptions.defaults(workspace.log("anvil-demo.log")));
  }
}
