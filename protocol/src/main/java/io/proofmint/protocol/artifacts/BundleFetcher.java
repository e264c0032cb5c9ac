package io.proofmint.protocol.artifacts;

import io.proofmint.protocol.bundle.BundleJson;
import io.proofmint.protocol.bundle.BundleLayout;
import io.proofmint.protocol.bundle.BundleManifest;
import io.proofmint.protocol.bundle.BundleValidation;
import io.proofmint.protocol.bundle.BundleValidation.Reason;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.io.AtomicFiles;
import io.proofmint.protocol.io.FormatException;
import io.proofmint.protocol.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fetches what a verifier needs of a published bundle (protocol.md section 12.5): the manifest,
 * checked against the locator's hash; the records file, checked against the manifest's {@code
 * recordsHash}; and only the checkpoints {@code C_i} and {@code C_{i+1}} of the sampled segments,
 * each checked against its checkpoint hash from the manifest. It lays them out as a bundle
 * directory that {@link io.proofmint.protocol.bundle.BundleReader#validateSegments} accepts for
 * those segments; the caller still validates it and compares it with the chain.
 */
public final class BundleFetcher {

  private final ArtifactFetcher fetcher;

  /**
   * @param fetcher the cache, client and retry policy to use; its base URI is replaced by each
   *     locator's
   */
  public BundleFetcher(ArtifactFetcher fetcher) {
    this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
  }

  /**
   * Fetches the manifest, the records and the checkpoints of {@code segments} into {@code
   * targetDir}, {@code manifest.json} last.
   *
   * @return {@code targetDir}
   * @throws InvalidBundleException if the manifest does not parse ({@code MANIFEST_MALFORMED}) or
   *     has fewer segments than one asked for ({@code COMMITMENT_MISMATCH})
   * @throws io.proofmint.protocol.io.HashMismatchException if a server sent other bytes
   * @throws ArtifactFetchException if an artifact could not be downloaded
   */
  public Path fetch(ArtifactLocator locator, Set<Integer> segments, Path targetDir)
      throws IOException {
    ArtifactFetcher source = fetcher.withBaseUri(locator.baseUri());
    Path manifestFile = source.fetch(ArtifactKind.BLOB, locator.manifestHash());
    BundleManifest manifest = readManifest(manifestFile, locator);
    Set<Integer> indices = checkpointIndices(manifest, segments, manifestFile);

    Path records = source.fetch(ArtifactKind.BLOB, manifest.recordsHash());
    Map<Hash32, Path> checkpoints = new LinkedHashMap<>();
    for (int index : indices) {
      Hash32 hash = manifest.checkpoints().get(index);
      if (!checkpoints.containsKey(hash)) {
        checkpoints.put(hash, source.fetch(ArtifactKind.CHECKPOINT, hash));
      }
    }

    for (Map.Entry<Hash32, Path> checkpoint : checkpoints.entrySet()) {
      copy(checkpoint.getValue(), BundleLayout.checkpoint(targetDir, checkpoint.getKey()));
    }
    copy(records, BundleLayout.records(targetDir));
    copy(manifestFile, BundleLayout.manifest(targetDir));
    return targetDir;
  }

  private static BundleManifest readManifest(Path file, ArtifactLocator locator)
      throws IOException {
    try {
      return BundleJson.fromJson(
          Json.parse(Files.readAllBytes(file), "manifest " + locator.manifestUri()));
    } catch (FormatException e) {
      throw new InvalidBundleException(
          BundleValidation.invalid(Reason.MANIFEST_MALFORMED, file, e.getMessage()));
    }
  }

  /** {@code i} and {@code i + 1} for each segment {@code i}, in order. */
  private static Set<Integer> checkpointIndices(
      BundleManifest manifest, Set<Integer> segments, Path manifestFile)
      throws InvalidBundleException {
    int count = manifest.header().segments();
    Set<Integer> indices = new TreeSet<>();
    for (int segment : new TreeSet<>(segments)) {
      if (segment < 0 || segment >= count) {
        throw new InvalidBundleException(
            BundleValidation.invalid(
                Reason.COMMITMENT_MISMATCH,
                manifestFile,
                "segment %d: expected 0 <= segment < S = %d of the manifest"
                    .formatted(segment, count)));
      }
      indices.add(segment);
      indices.add(segment + 1);
    }
    return indices;
  }

  private static void copy(Path source, Path target) throws IOException {
    AtomicFiles.write(target, out -> Files.copy(source, out));
  }
}
