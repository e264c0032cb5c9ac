package io.proofmint.protocol.artifacts;

import io.proofmint.protocol.bundle.BundleJson;
import io.proofmint.protocol.bundle.BundleLayout;
import io.proofmint.protocol.bundle.BundleManifest;
import io.proofmint.protocol.bundle.BundleReader;
import io.proofmint.protocol.bundle.BundleValidation;
import io.proofmint.protocol.bundle.BundleValidation.Reason;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.io.HashMismatchException;
import io.proofmint.protocol.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Puts a finished proof bundle into an artifact store and returns the locator the trainer commits
 * (protocol.md section 12.5): the bundle's manifest, records and root are validated first, then
 * every distinct checkpoint goes in, each stored only if it hashes to what the manifest says (the
 * one read and hash of it publishing needs; checkpoints are stored in parallel), then {@code
 * records.csv}, and {@code manifest.json} last, so a store that holds the manifest holds the whole
 * bundle.
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
   * @throws InvalidBundleException if the bundle does not validate, a checkpoint file included
   * @throws HashMismatchException if a file changed between validation and storing
   */
  public ArtifactLocator publish(Path bundleDir, ArtifactStore store) throws IOException {
    // Everything but the checkpoint files, which are checked as they are stored.
    BundleValidation validation = reader.validateSegments(bundleDir, Set.of());
    if (!validation.isValid()) {
      throw new InvalidBundleException(validation);
    }
    BundleManifest manifest = validation.validBundle().orElseThrow().manifest();
    storeCheckpoints(bundleDir, manifest, store);
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

  /**
   * Stores every distinct checkpoint of {@code manifest}, several at a time; a missing or damaged
   * one makes the bundle invalid.
   */
  private static void storeCheckpoints(Path bundleDir, BundleManifest manifest, ArtifactStore store)
      throws IOException {
    List<Hash32> all = manifest.checkpoints();
    for (int i = 0; i < all.size(); i++) {
      Path file = BundleLayout.checkpoint(bundleDir, all.get(i));
      if (!Files.isRegularFile(file)) {
        throw new InvalidBundleException(
            BundleValidation.invalid(
                Reason.CHECKPOINT_MISSING,
                file,
                "checkpoint C_%d: expected a file with hash %s, got none"
                    .formatted(i, all.get(i))));
      }
    }
    try {
      List.copyOf(new LinkedHashSet<>(all)).parallelStream()
          .forEach(
              hash -> {
                try {
                  store.putExpected(
                      ArtifactKind.CHECKPOINT, BundleLayout.checkpoint(bundleDir, hash), hash);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof HashMismatchException mismatch) {
        throw new InvalidBundleException(
            BundleValidation.invalid(
                Reason.CHECKPOINT_HASH_MISMATCH,
                mismatch.file(),
                "checkpoint C_%d: expected hash %s, got %s"
                    .formatted(
                        all.indexOf(mismatch.expected()), mismatch.expected(), mismatch.actual())));
      }
      throw e.getCause();
    }
  }

  private static void expectSame(String kind, Path file, Hash32 expected, Hash32 stored)
      throws HashMismatchException {
    if (!stored.equals(expected)) {
      throw new HashMismatchException(kind, file, expected, stored);
    }
  }
}
