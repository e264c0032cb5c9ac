package io.proofmint.wrappers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the contracts build recorded about the artifacts the wrappers were generated from: the
 * compiler version and the keccak-256 of each contract's creation bytecode.
 */
public record ContractArtifacts(String compilerVersion, Map<String, Artifact> contracts) {

  static final String BUILD_INFO = "/io/proofmint/contracts/artifacts/build-info.json";

  /** One compiled contract: its source file and creation bytecode hash (0x-prefixed hex). */
  public record Artifact(String source, String bytecodeKeccak256) {}

  /** Reads the build info shipped in the contracts jar. */
  public static ContractArtifacts load() {
    try (InputStream in = ContractArtifacts.class.getResourceAsStream(BUILD_INFO)) {
      if (in == null) {
        throw new IllegalStateException(
            BUILD_INFO + " is not on the classpath: build the contracts module first");
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + BUILD_INFO, e);
    }
  }

  static ContractArtifacts parse(JsonNode root) {
    String compiler = required(root, "compiler").asText();
    Map<String, Artifact> contracts = new TreeMap<>();
    required(root, "contracts")
        .properties()
        .forEach(
            e ->
                contracts.put(
                    e.getKey(),
                    new Artifact(
                        required(e.getValue(), "source").asText(),
                        required(e.getValue(), "bytecodeKeccak256").asText())));
    return new ContractArtifacts(compiler, Map.copyOf(contracts));
  }

  public Artifact artifact(String contractName) {
    Artifact artifact = contracts.get(contractName);
    if (artifact == null) {
      throw new IllegalArgumentException(
          "contract " + contractName + ": not among the compiled artifacts " + contracts.keySet());
    }
    return artifact;
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalStateException(BUILD_INFO + ": expected field '" + field + "'");
    }
    return value;
  }
}
