package io.proofmint.protocol.artifacts;

import java.util.Optional;

/**
 * What an artifact is, which fixes the hash it is addressed by (protocol.md section 12.1): a
 * checkpoint by its checkpoint hash (section 7.2), anything else by keccak-256 of its bytes.
 */
public enum ArtifactKind {
  /** A checkpoint file; addressed by its checkpoint hash (chunk tree bound to the length). */
  CHECKPOINT("checkpoint"),
  /** Any other file ({@code manifest.json}, {@code records.csv}); addressed by keccak-256. */
  BLOB("blob");

  private final String dirName;

  ArtifactKind(String dirName) {
    this.dirName = dirName;
  }

  /** The name of the kind in store paths and URLs: {@code checkpoint} or {@code blob}. */
  public String dirName() {
    return dirName;
  }

  /** The kind named exactly {@code name} (lower case), if any. */
  public static Optional<ArtifactKind> fromDirName(String name) {
    for (ArtifactKind kind : values()) {
      if (kind.dirName.equals(name)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
