package io.proofmint.protocol.artifacts;

import io.proofmint.protocol.bundle.BundleJson;
import io.proofmint.protocol.bundle.BundleLayout;
import io.proofmint.protocol.bundle.BundleManifest;
import io.proofmint.protocol.bundle.BundleReader;
import io.proofmint.protocol.bundle.BundleValidation;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.io.HashMismatchException;
import io.proofmint.protocol.io.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Puts a finished proof bundle into an artifact store and returns the locator the trainer commits
 * (protocol.md section 12.5): the bundle is validated in full first, then every distinct checkpoint
 * goes in, then {@code records.csv}, and {@code manifest.json} last, so a store that holds the
 * manifest holds the whole bundle.
 */
public final class BundlePublisher {

  private final URI baseUri;
  private final BundleReader reader;

  /**
   * @param baseUri the base URL of the server that serves the store, as verifiers reach it
   */
  public BundlePublisher(URI baseUri, CheckpointHasher hasher) {
    this.baseUri = ArtifactLocator.checkBaseUri(baseUri);
    this.reader = new BundleReader(Objects.requireNonNull(hasher, "hasher"));
  }

  /**
   * Publishes {@code bundleDir} to {@code store}.
   *
   * @return {@code pmb1:<base URL>#<keccak of manifest.json>}
   * @throws InvalidBundleException if the bundle does not validate
   * @throws HashMismatchException if a file changed between validation and storing
   */
  public ArtifactLocator publish(Path bundleDir, ArtifactStore store) throws IOException {
    BundleValidation validation = reader.validate(bundleDir);
    if (!validation.isValid()) {
      throw new InvalidBundleException(validation);
    }
    BundleManifest manifest = validation.validBundle().orElseThrow().manifest();
    Set<Hash32> checkpoints = new LinkedHashSet<>(manifest.checkpoints());
    for (Hash32 hash : checkpoints) {
      Path file = BundleLayout.checkpoint(bundleDir, hash);
      expectSame("checkpoint", file, hash, store.put(ArtifactKind.CHECKPOINT, file));
    }
    Path records = BundleLayout.records(bundleDir);
    expectSame("records", records, manifest.recordsHash(), store.put(ArtifactKind.BLOB, records));
    Path manifestFile = BundleLayout.manifest(bundleDir);
    byte[] manifestBytes = Files.readAllBytes(manifestFile);
    BundleManifest published =
        BundleJson.fromJson(Json.parse(manifestBytes, manifestFile.toString()));
    if (!published.equals(manifest)) {
      throw new IOException(
          "bundle %s: expected the validated manifest, got one that changed while publishing"
              .formatted(bundleDir));
    }
    return ArtifactLocator.of(baseUri, store.put(ArtifactKind.BLOB, manifestBytes));
  }

  private static void expectSame(String kind, Path file, Hash32 expected, Hash32 stored)
      throws HashMismatchException {
    if (!stored.equals(expected)) {
      throw new HashMismatchException(kind, file, expected, stored);
    }
  }
}
