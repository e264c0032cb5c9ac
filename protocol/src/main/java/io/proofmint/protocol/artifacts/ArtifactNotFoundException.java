package io.proofmint.protocol.artifacts;

import java.net.URI;

/** The server answered {@code 404}: it does not hold the artifact. Never retried. */
public final class ArtifactNotFoundException extends ArtifactFetchException {

  public ArtifactNotFoundException(URI uri, int attempts) {
    super(uri, 404, attempts, "expected the artifact, got 404 Not Found", null);
  }
}
