package io.proofmint.protocol.artifacts;

import io.proofmint.protocol.crypto.Hash32;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Immutable byte blobs addressed by the hash the protocol uses for their kind (protocol.md section
 * 12.1). Putting bytes computes their address; putting bytes that are already stored keeps the
 * stored artifact. Implementations: {@link LocalArtifactStore} (a directory); object stores later.
 */
public interface ArtifactStore {

  /** Stores a copy of {@code source} and returns its address. */
  Hash32 put(ArtifactKind kind, Path source) throws IOException;

  /**
   * Stores {@code source} under {@code expected} if it hashes to that, and stores nothing
   * otherwise. An artifact already stored under {@code expected} is kept. The store may share the
   * file with {@code source} (a hard link) instead of copying it, so {@code source} must not be
   * changed in place afterwards (replacing it by a rename is fine).
   *
   * @throws io.proofmint.protocol.io.HashMismatchException naming {@code source}, the expected and
   *     the actual hash, if they differ
   */
  void putExpected(ArtifactKind kind, Path source, Hash32 expected) throws IOException;

  /** Stores {@code bytes} and returns their address. */
  Hash32 put(ArtifactKind kind, byte[] bytes) throws IOException;

  /** Stores everything {@code in} yields, up to its end, and returns its address. */
  Hash32 put(ArtifactKind kind, InputStream in) throws IOException;

  boolean contains(ArtifactKind kind, Hash32 hash) throws IOException;

  /** The artifact's bytes, or empty if the store does not hold it. The caller closes the stream. */
  Optional<InputStream> open(ArtifactKind kind, Hash32 hash) throws IOException;
}
