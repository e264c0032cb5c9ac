package io.proofmint.protocol.bundle;

import io.proofmint.protocol.crypto.Hash32;
import java.nio.file.Path;

/** Where each file of a proof bundle lives (protocol.md section 10.1). */
public final class BundleLayout {

  public static final String MANIFEST = "manifest.json";
  public static final String RECORDS = "records.csv";
  public static final String CHECKPOINTS = "checkpoints";
  public static final String CHECKPOINT_SUFFIX = ".ckpt";
  public static final String PROGRESS = "progress";

  private BundleLayout() {}

  public static Path manifest(Path bundle) {
    return bundle.resolve(MANIFEST);
  }

  public static Path records(Path bundle) {
    return bundle.resolve(RECORDS);
  }

  /** {@code checkpoints/<64 lower-case hex digits>.ckpt}: content-addressed. */
  /** The directory that holds a bundle's checkpoint files. */
  public static Path checkpointDir(Path bundle) {
    return bundle.resolve(CHECKPOINTS);
  }

  public static Path checkpoint(Path bundle, Hash32 hash) {
    return bundle.resolve(CHECKPOINTS).resolve(hash.toHex().substring(2) + CHECKPOINT_SUFFIX);
  }

  static Path progress(Path bundle) {
    return bundle.resolve(PROGRESS);
  }

  static Path progressHeader(Path bundle) {
    return progress(bundle).resolve("header.json");
  }

  static Path progressSegment(Path bundle, int segment) {
    return progress(bundle).resolve("segment-%09d.json".formatted(segment));
  }
}
