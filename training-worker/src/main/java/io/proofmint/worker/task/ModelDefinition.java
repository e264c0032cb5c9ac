package io.proofmint.worker.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.proofmint.protocol.bundle.BundleHeader;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.io.AtomicFiles;
import io.proofmint.worker.engine.AdamConfig;
import io.proofmint.worker.engine.MlpSpec;
import io.proofmint.worker.engine.ReproducibilityProfile;
import io.proofmint.worker.engine.VerificationMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Everything that fixes a model's training off-chain: architecture and optimizer, reproducibility
 * profile, verification mode, the seed of its first checkpoint, and the dataset it trains on. Its
 * {@link #specHash()} is what the registry stores, so a worker or verifier holding this file can
 * check it serves the model it thinks it does.
 */
public record ModelDefinition(
    String name,
    MlpSpec spec,
    ReproducibilityProfile profile,
    VerificationMode mode,
    long initSeed,
    Hash32 datasetRoot) {

  /** Domain of the spec hash (docs/protocol.md section 13). */
  public static final String SPEC_DOMAIN = "proofmint.model.v1";

  public ModelDefinition {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("model name: expected a non-empty name");
    }
    var check = profile.checkMode(mode);
    if (!check.isCompatible()) {
      throw new IllegalArgumentException("model " + name + ": " + check.message());
    }
  }

  /** The canonical text the spec hash is taken over; one line, stable across versions. */
  public String canonical() {
    return SPEC_DOMAIN
        + "|"
        + spec.canonical()
        + "|"
        + profile.canonical()
        + "|mode="
        + mode.name().toLowerCase(java.util.Locale.ROOT)
        + "|init="
        + Long.toUnsignedString(initSeed)
        + "|dataset="
        + datasetRoot.toHex();
  }

  public Hash32 specHash() {
    return Keccak.hashUtf8(canonical());
  }

  /** The header of a bundle that trains this model under {@code binding} with {@code profile}. */
  public BundleHeader bundleHeader(
      TaskBinding binding, ReproducibilityProfile profile, long steps, int segmentLength) {
    return new BundleHeader(
        binding, specHash(), datasetRoot(), profile.canonical(), steps, segmentLength);
  }

  /** The file form: plain JSON a person can read and edit. */
  record Json(
      String format,
      String name,
      int[] layers,
      int batchSize,
      float learningRate,
      float beta1,
      float beta2,
      float epsilon,
      String profile,
      String mode,
      long initSeed,
      String datasetRoot) {}

  static final String FORMAT = "proofmint-model-v1";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public void write(Path file) throws IOException {
    AdamConfig adam = spec.adam();
    Json json =
        new Json(
            FORMAT,
            name,
            spec.layerSizes(),
            spec.batchSize(),
            adam.learningRate(),
            adam.beta1(),
            adam.beta2(),
            adam.epsilon(),
            profile.canonical(),
            mode.name().toLowerCase(java.util.Locale.ROOT),
            initSeed,
            datasetRoot.toHex());
    AtomicFiles.writeString(file, JSON.writeValueAsString(json) + "\n");
  }

  public static ModelDefinition read(Path file) throws IOException {
    Json json;
    try {
      json = JSON.readValue(Files.readString(file), Json.class);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "model definition file not found");
    } catch (IOException e) {
      throw new IOException("model definition " + file + ": not valid JSON: " + e.getMessage(), e);
    }
    if (!FORMAT.equals(json.format())) {
      throw new IOException(
          "model definition " + file + ": expected format " + FORMAT + ", got " + json.format());
    }
    try {
      return new ModelDefinition(
          json.name(),
          MlpSpec.of(
              json.batchSize(),
              new AdamConfig(json.learningRate(), json.beta1(), json.beta2(), json.epsilon()),
              json.layers()),
          ReproducibilityProfile.parse(json.profile()),
          VerificationMode.valueOf(json.mode().toUpperCase(java.util.Locale.ROOT)),
          json.initSeed(),
          Hash32.fromHex(json.datasetRoot()));
    } catch (RuntimeException e) {
      throw new IOException("model definition " + file + ": " + e.getMessage(), e);
    }
  }
}
