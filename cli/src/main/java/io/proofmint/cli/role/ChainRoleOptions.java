package io.proofmint.cli.role;

import io.proofmint.cli.ChainOptions;
import io.proofmint.cli.LoggingMixin;
import io.proofmint.cli.SignerOptions;
import io.proofmint.cli.Workspace;
import io.proofmint.devnet.Devnet;
import io.proofmint.devnet.ExternalNode;
import java.io.IOException;
import java.nio.file.Path;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of a role that acts on-chain (`worker`, `verifier run`): -v, which node (--rpc), who
 * signs (--keystore, --password-file, --devnet-account) and which deployment (--manifest).
 */
final class ChainRoleOptions {

  @Mixin LoggingMixin logging;
  @Mixin ChainOptions chainOptions;
  @Mixin SignerOptions signerOptions;

  @Option(
      names = "--manifest",
      paramLabel = "FILE",
      description = "Deployment manifest (default: .proofmint/deployment.json).")
  Path manifest;

  /** The node to use: --rpc, else the running devnet (see {@link ChainOptions#connect}). */
  ExternalNode connect(Workspace workspace) throws IOException {
    return chainOptions.connect(workspace);
  }

  /** The signing account on {@code node} (see {@link SignerOptions#resolve}). */
  Credentials signer(Devnet node) throws IOException {
    return signerOptions.resolve(node);
  }

  /** --manifest, else the workspace's deployment manifest. */
  Path manifest(Workspace workspace) {
    return manifest != null ? manifest : workspace.deploymentManifest();
  }
}
