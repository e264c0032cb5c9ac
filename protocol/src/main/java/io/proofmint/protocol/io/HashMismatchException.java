package io.proofmint.protocol.io;

import io.proofmint.protocol.crypto.Hash32;
import java.io.IOException;
import java.nio.file.Path;

/** A file whose bytes do not hash to the value it was committed under. */
public final class HashMismatchException extends IOException {

  private final Path file;
  private final Hash32 expected;
  private final Hash32 actual;

  /**
   * @param kind what the file is, e.g. "checkpoint" or "shard"
   */
  public HashMismatchException(String kind, Path file, Hash32 expected, Hash32 actual) {
    super("%s %s: expected hash %s, got %s".formatted(kind, file, expected, actual));
    this.file = file;
    this.expected = expected;
    this.actual = actual;
  }

  public Path file() {
    return file;
  }

  public Hash32 expected() {
    return expected;
  }

  public Hash32 actual() {
    return actual;
  }
}
