package io.proofmint.cli.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.proofmint.devnet.Devnet;
import io.proofmint.protocol.io.AtomicFiles;
import io.proofmint.wrappers.DeploymentManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What `demo --summary FILE` writes: one section per stage the demo ran. Later stages (training,
 * verification, settlement) add their own sections.
 */
public record DemoSummary(
    int version,
    List<String> stages,
    ChainSection chain,
    DeploymentSection deployment,
    TrainingStage.Result training,
    VerificationStage.Result verification,
    SettlementStage.Result revenue,
    double seconds) {

  public static final int VERSION = 4;

  /** The chain the demo ran on. */
  public record ChainSection(String kind, String rpcUrl, long chainId) {}

  /** Where the suite went; the manifest is copied whole. */
  public record DeploymentSection(String manifestFile, DeploymentManifest manifest) {}

  static DemoSummary of(
      Devnet devnet,
      DeploymentManifest manifest,
      Path manifestFile,
      TrainingStage.Result training,
      VerificationStage.Result verification,
      SettlementStage.Result revenue,
      Duration elapsed) {
    return new DemoSummary(
        VERSION,
        List.of("devnet", "deploy", "train", "verify", "revenue"),
        new ChainSection(devnet.kind(), devnet.rpcUrl().toString(), devnet.chainId()),
        new DeploymentSection(manifestFile.toAbsolutePath().toString(), manifest),
        training,
        verification,
        revenue,
        elapsed.toMillis() / 1e3);
  }

  String toJson() throws JsonProcessingException {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this)
        + "\n";
  }

  void write(Path file) throws IOException {
    AtomicFiles.writeString(file, toJson());
  }
}
