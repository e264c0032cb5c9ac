package io.proofmint.wrappers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.proofmint.protocol.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a role needs to find a deployed suite: the chain, where it was reached, and each
 * contract's address with the hashes that tie it to the compiled artifact. Written atomically.
 *
 * @param contracts deployed contracts by role name (e.g. "PaymentToken"), in deployment order
 */
public record DeploymentManifest(
    int version,
    long chainId,
    String rpcUrl,
    long deployBlock,
    String compilerVersion,
    String deployer,
    String deployedAt,
    Map<String, DeployedContract> contracts) {

  public static final int VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);

  public DeploymentManifest {
    contracts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(contracts));
  }

  public DeployedContract contract(String role) {
    DeployedContract c = contracts.get(role);
    if (c == null) {
      throw new IllegalArgumentException(
          "deployment on chain "
              + chainId
              + " has no "
              + role
              + " (it has "
              + contracts.keySet()
              + ")");
    }
    return c;
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize the deployment manifest", e);
    }
  }

  public void write(Path file) throws IOException {
    AtomicFiles.writeString(file, toJson());
  }

  public static DeploymentManifest read(Path file) throws IOException {
    String json;
    try {
      json = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new IOException(
          "deployment manifest " + file + ": no such file (run `proofmint deploy` first)", e);
    }
    DeploymentManifest manifest;
    try {
      manifest = JSON.readValue(json, DeploymentManifest.class);
    } catch (JsonProcessingException e) {
      throw new IOException(
          "deployment manifest " + file + " is not valid: " + e.getOriginalMessage(), e);
    }
    if (manifest.version() != VERSION) {
      throw new IOException(
          "deployment manifest "
              + file
              + ": expected format version "
              + VERSION
              + ", got "
              + manifest.version());
    }
    return manifest;
  }

  /** Returns a builder-like copy with one more contract (insertion order kept). */
  public DeploymentManifest with(String role, DeployedContract contract) {
    Map<String, DeployedContract> more = new LinkedHashMap<>(contracts);
    more.put(role, contract);
    return new DeploymentManifest(
        version, chainId, rpcUrl, deployBlock, compilerVersion, deployer, deployedAt, more);
  }
}
