package io.proofmint.protocol.bundle;

import io.proofmint.protocol.crypto.Hash32;
import java.util.List;
import java.util.Objects;

/**
 * The content of {@code manifest.json} (protocol.md section 10.2): the header, the checkpoint
 * hashes {@code C_0 .. C_S}, the segment tree root and the hash of the records file.
 */
public record BundleManifest(
    BundleHeader header, List<Hash32> checkpoints, Hash32 root, Hash32 recordsHash) {

  public static final int FORMAT_VERSION = 1;

  public BundleManifest {
    Objects.requireNonNull(header, "header");
    checkpoints = List.copyOf(checkpoints);
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(recordsHash, "recordsHash");
    if (checkpoints.size() != header.segments() + 1) {
      throw new IllegalArgumentException(
          "checkpoints: expected S + 1 = %d, got %d"
              .formatted(header.segments() + 1, checkpoints.size()));
    }
  }

  /** {@code C_0}: the parent checkpoint the task starts from. */
  public Hash32 parentCheckpoint() {
    return checkpoints.get(0);
  }

  /** {@code C_S}: the checkpoint the task ends at. */
  public Hash32 finalCheckpoint() {
    return checkpoints.get(checkpoints.size() - 1);
  }
}
