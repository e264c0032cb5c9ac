package io.proofmint.cli.settlement;

import io.proofmint.cli.Workspace;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --manifest: the deployment to settle. */
public final class ManifestOption {

  @Option(
      names = "--manifest",
      paramLabel = "FILE",
      description = "Deployment manifest (default: .proofmint/deployment.json).")
  Path manifest;

  public Path resolve(Workspace workspace) {
    return manifest != null ? manifest : workspace.deploymentManifest();
  }
}
