package io.proofmint.protocol.artifacts;

import java.io.IOException;
import java.net.URI;

/** An artifact that could not be downloaded: the message names the URL and what happened. */
public class ArtifactFetchException extends IOException {

  private final URI uri;
  private final int status;
  private final int attempts;

  /**
   * @param status the last HTTP status, or {@code -1} if no response came
   * @param attempts the requests made
   */
  public ArtifactFetchException(
      URI uri, int status, int attempts, String message, Throwable cause) {
    super("artifact %s: %s".formatted(uri, message), cause);
    this.uri = uri;
    this.status = status;
    this.attempts = attempts;
  }

  public URI uri() {
    return uri;
  }

  /** The last HTTP status, or {@code -1} if no response came. */
  public int status() {
    return status;
  }

  public int attempts() {
    return attempts;
  }
}
