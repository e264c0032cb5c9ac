package io.proofmint.protocol.artifacts;

import java.net.URI;
import java.util.Optional;

/**
 * The HTTP paths of an artifact server (protocol.md section 12.2): {@code GET|HEAD
 * /artifacts/<kind>/<hex>} and {@code GET /health}, relative to a base URL without a trailing
 * slash.
 */
public final class ArtifactHttp {

  public static final String ARTIFACTS_PREFIX = "/artifacts/";
  public static final String HEALTH = "/health";
  public static final String CONTENT_TYPE = "application/octet-stream";

  private ArtifactHttp() {}

  /** {@code <base>/artifacts/<kind>/<hex>}. */
  public static URI artifactUri(URI base, ArtifactId id) {
    return URI.create(base + ARTIFACTS_PREFIX + id.relativePath());
  }

  /** {@code <base>/health}. */
  public static URI healthUri(URI base) {
    return URI.create(base + HEALTH);
  }

  /**
   * The artifact a raw (still percent-encoded) request path names: exactly {@code
   * /artifacts/<checkpoint|blob>/<64 lower-case hex>}. Anything else, an encoded character, a dot
   * segment or a trailing slash included, is empty.
   */
  public static Optional<ArtifactId> parsePath(String rawPath) {
    if (rawPath == null || !rawPath.startsWith(ARTIFACTS_PREFIX)) {
      return Optional.empty();
    }
    String rest = rawPath.substring(ARTIFACTS_PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      return Optional.empty();
    }
    return ArtifactId.parse(rest.substring(0, slash), rest.substring(slash + 1));
  }

  /** The strong entity tag of an artifact: its hash, {@code "0x<hex>"} with the quotes. */
  public static String etag(ArtifactId id) {
    return "\"" + id.hash().toHex() + "\"";
  }
}
