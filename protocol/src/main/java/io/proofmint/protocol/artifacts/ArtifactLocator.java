package io.proofmint.protocol.artifacts;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.io.FormatException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code artifactLocator} a trainer commits on-chain (protocol.md section 12.3): {@code
 * pmb1:<base URL>#<64 lower-case hex digits>}, the base URL of an artifact server and the
 * keccak-256 of the bundle's {@code manifest.json}. The manifest lists every checkpoint hash and
 * the records file's hash, so the one hash pins every byte a verifier fetches. At most {@value
 * #MAX_LENGTH} bytes of printable ASCII; one locator has exactly one text form, so {@link
 * #toString()} gives back what {@link #parse} read.
 */
public record ArtifactLocator(URI baseUri, Hash32 manifestHash) {

  public static final String PREFIX = "pmb1:";
  public static final int MAX_LENGTH = 192;

  private static final int MAX_ECHO = 80;

  public ArtifactLocator {
    Objects.requireNonNull(baseUri, "baseUri");
    Objects.requireNonNull(manifestHash, "manifestHash");
    Optional<String> problem = baseProblem(baseUri.toString());
    if (problem.isPresent()) {
      throw new IllegalArgumentException("locator base URL " + problem.get());
    }
    int length = PREFIX.length() + baseUri.toString().length() + 1 + 2 * Hash32.SIZE;
    if (length > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "locator: expected at most %d bytes, got %d (base URL '%s')"
              .formatted(MAX_LENGTH, length, baseUri));
    }
  }

  public static ArtifactLocator of(URI baseUri, Hash32 manifestHash) {
    return new ArtifactLocator(baseUri, manifestHash);
  }

  /**
   * Parses a locator read from the chain.
   *
   * @throws FormatException naming the text and what was expected, for anything but the exact form
   */
  public static ArtifactLocator parse(String text) throws FormatException {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_LENGTH) {
      throw error(text, "expected at most %d bytes, got %d".formatted(MAX_LENGTH, text.length()));
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw error(
            text,
            "expected printable ASCII without spaces, got U+%04X at index %d"
                .formatted((int) c, i));
      }
    }
    if (!text.startsWith(PREFIX)) {
      String found = text.matches("pmb[0-9]+:.*") ? text.substring(0, text.indexOf(':') + 1) : "";
      throw error(
          text,
          found.isEmpty()
              ? "expected prefix '%s'".formatted(PREFIX)
              : "expected version prefix '%s', got unsupported '%s'".formatted(PREFIX, found));
    }
    int hashMark = text.lastIndexOf('#');
    if (hashMark < PREFIX.length()) {
      throw error(text, "expected '#' and the manifest hash at the end, got no '#'");
    }
    String hex = text.substring(hashMark + 1);
    if (!ArtifactId.isHexName(hex)) {
      throw error(
          text,
          "manifest hash: expected 64 lower-case hex digits without 0x, got '%s'"
              .formatted(shorten(hex)));
    }
    String base = text.substring(PREFIX.length(), hashMark);
    Optional<String> problem = baseProblem(base);
    if (problem.isPresent()) {
      throw error(text, "base URL " + problem.get());
    }
    return new ArtifactLocator(URI.create(base), Hash32.fromHex(hex));
  }

  /** Where the manifest is: {@code <base>/artifacts/blob/<manifest hash>}. */
  public URI manifestUri() {
    return artifactUri(ArtifactId.of(ArtifactKind.BLOB, manifestHash));
  }

  /** Where the server of this locator serves {@code id}. */
  public URI artifactUri(ArtifactId id) {
    return ArtifactHttp.artifactUri(baseUri, id);
  }

  /**
   * Checks a base URL for use in a locator and in artifact URLs, without building a locator.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static URI checkBaseUri(URI baseUri) {
    return new ArtifactLocator(baseUri, Hash32.ZERO).baseUri();
  }

  @Override
  public String toString() {
    return PREFIX + baseUri + "#" + manifestHash.toHex().substring(2);
  }

  /**
   * Empty if {@code base} is a canonical base URL: {@code http} or {@code https}, a lower-case
   * host, an optional port without leading zeros, no user info, query, fragment or
   * percent-encoding, and a path that is empty or starts with {@code /}, has no empty or dot
   * segments and does not end with {@code /}.
   */
  private static Optional<String> baseProblem(String base) {
    for (int i = 0; i < base.length(); i++) {
      char c = base.charAt(i);
      if (c <= 0x20 || c >= 0x7f || c == '#' || c == '%') {
        return Optional.of(
            "'%s': expected printable ASCII without spaces, '#' or '%%', got U+%04X at index %d"
                .formatted(shorten(base), (int) c, i));
      }
    }
    URI uri;
    try {
      uri = new URI(base);
    } catch (URISyntaxException e) {
      return Optional.of("'%s': expected a URL, got %s".formatted(shorten(base), e.getMessage()));
    }
    String shown = shorten(base);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      return Optional.of(
          "'%s': expected scheme http or https, got %s".formatted(shown, uri.getScheme()));
    }
    if (uri.isOpaque() || uri.getHost() == null) {
      return Optional.of("'%s': expected http(s)://<host>[:port][/path]".formatted(shown));
    }
    String host = uri.getHost();
    if (!host.equals(host.toLowerCase(Locale.ROOT))) {
      return Optional.of("'%s': expected a lower-case host, got '%s'".formatted(shown, host));
    }
    if (host.startsWith("[")) {
      Optional<String> canonical = Ipv6Text.canonical(host);
      if (canonical.isEmpty() || !canonical.get().equals(host)) {
        return Optional.of(
            "'%s': expected an IPv6 host in its one RFC 5952 form%s, got '%s'"
                .formatted(shown, canonical.map(c -> " " + c).orElse(""), host));
      }
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("'%s': expected no user info (it would be public)".formatted(shown));
    }
    int port = uri.getPort();
    if (port == 0 || port > 65535) {
      return Optional.of("'%s': expected a port in 1 .. 65535, got %d".formatted(shown, port));
    }
    String authority = port < 0 ? host : host + ":" + port;
    if (!authority.equals(uri.getRawAuthority())) {
      return Optional.of(
          "'%s': expected authority '%s', got '%s'"
              .formatted(shown, authority, uri.getRawAuthority()));
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return Optional.of("'%s': expected no query and no fragment".formatted(shown));
    }
    String path = uri.getRawPath();
    if (!path.isEmpty() && !path.matches("(/(?!\\.{1,2}(?:/|$))[^/]+)+")) {
      return Optional.of(
          "'%s': expected a path without a trailing '/', empty or dot segments, got '%s'"
              .formatted(shown, path));
    }
    return Optional.empty();
  }

  private static FormatException error(String text, String message) {
    return new FormatException("locator '%s': %s".formatted(shorten(text), message));
  }

  private static String shorten(String text) {
    return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "...";
  }
}
