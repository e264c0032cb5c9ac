package io.proofmint.cli;

import io.proofmint.devnet.ExternalNode;
import io.proofmint.devnet.SuiteDeployer;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.ContractArtifacts;
import io.proofmint.wrappers.DeploymentManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `proofmint deploy`: deploy the contract suite and write the deployment manifest. */
@Command(
    name = "deploy",
    footer = {
      "",
      "Example:",
      "  proofmint deploy --rpc http://127.0.0.1:8545 --keystore deployer.json \\",
      "      --manifest deployment.json"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Deploy the contract suite and write the deployment manifest.",
      "Contracts already in the manifest and still on the chain are kept, so re-running is safe."
    })
public final class DeployCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin LoggingMixin logging;
  @Mixin ChainOptions chainOptions;
  @Mixin SignerOptions signerOptions;

  @Option(
      names = "--manifest",
      paramLabel = "FILE",
      description = "Where to write the manifest (default: .proofmint/deployment.json).")
  Path manifest;

  @Override
  public Integer call() throws Exception {
    Workspace workspace = Workspace.locate();
    Path target = manifest != null ? manifest : workspace.deploymentManifest();
    ExternalNode node = chainOptions.connect(workspace);
    try (ChainConnection chain =
        ChainConnection.open(node.rpcUrl(), OptionalLong.of(node.chainId()))) {
      SuiteDeployer deployer =
          new SuiteDeployer(
              chain,
              signerOptions.resolve(node),
              ContractArtifacts.load(),
              Clock.systemUTC(),
              line -> spec.commandLine().getErr().println("  " + line));
      DeploymentManifest deployed = deployer.deploy(target);
      PrintWriter out = spec.commandLine().getOut();
      ManifestTable.print(deployed, out);
      out.println("manifest: " + target);
    }
    return 0;
  }
}
