package io.proofmint.protocol.bundle;

import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Hash32;
import java.util.Objects;

/**
 * What a proof bundle is about, known before training starts: the task binding, the model spec and
 * dataset it trains under, the reproducibility profile, and the step and segment counts.
 */
public record BundleHeader(
    TaskBinding binding,
    Hash32 specHash,
    Hash32 datasetRoot,
    String profile,
    long steps,
    int segmentLength) {

  public BundleHeader {
    Objects.requireNonNull(binding, "binding");
    Objects.requireNonNull(specHash, "specHash");
    Objects.requireNonNull(datasetRoot, "datasetRoot");
    Objects.requireNonNull(profile, "profile");
    if (segmentLength < 1) {
      throw new IllegalArgumentException("segment length: expected >= 1, got " + segmentLength);
    }
    if (steps < 1 || steps % segmentLength != 0) {
      throw new IllegalArgumentException(
          "steps: expected a positive multiple of k = %d, got %d".formatted(segmentLength, steps));
    }
    if (steps / segmentLength > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "segments: expected at most %d, got %d"
              .formatted(Integer.MAX_VALUE, steps / segmentLength));
    }
  }

  /** {@code S = N / k}. */
  public int segments() {
    return (int) (steps / segmentLength);
  }
}
