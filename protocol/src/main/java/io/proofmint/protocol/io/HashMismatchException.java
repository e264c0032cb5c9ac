package io.proofmint.protocol.io;

import io.proofmint.protocol.crypto.Hash32;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** A file, or a download, whose bytes do not hash to the value it was committed under. */
public final class HashMismatchException extends IOException {

  private final Path file;
  private final URI source;
  private final Hash32 expected;
  private final Hash32 actual;

  /**
   * @param kind what the file is, e.g. "checkpoint" or "shard"
   */
  public HashMismatchException(String kind, Path file, Hash32 expected, Hash32 actual) {
    super("%s %s: expected hash %s, got %s".formatted(kind, file, expected, actual));
    this.file = file;
    this.source = null;
    this.expected = expected;
    this.actual = actual;
  }

  /**
   * Bytes downloaded from {@code source} (and not kept).
   *
   * @param kind what the bytes are, e.g. "checkpoint artifact"
   */
  public HashMismatchException(String kind, URI source, Hash32 expected, Hash32 actual) {
    super("%s %s: expected hash %s, got %s".formatted(kind, source, expected, actual));
    this.file = null;
    this.source = source;
    this.expected = expected;
    this.actual = actual;
  }

  /** The file; null when the bytes were downloaded (see {@link #source()}). */
  public Path file() {
    return file;
  }

  /** The URL the bytes were downloaded from; empty for a local file. */
  public Optional<URI> source() {
    return Optional.ofNullable(source);
  }

  public Hash32 expected() {
    return expected;
  }

  public Hash32 actual() {
    return actual;
  }
}
