package io.proofmint.worker.role;

import java.io.IOException;
import java.nio.file.Path;

/** Makes a finished proof bundle fetchable and returns the locator the trainer commits. */
@FunctionalInterface
public interface BundlePublishing {

  String publish(Path bundleDir) throws IOException;
}
