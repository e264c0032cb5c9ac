package io.proofmint.protocol.io;

import java.io.IOException;

/**
 * Bytes or text that are truncated, corrupted or not in their canonical form: a checkpoint, a
 * dataset shard, a manifest or a records file. The message names the source, the place and what was
 * expected.
 */
public final class FormatException extends IOException {

  private final long offset;

  public FormatException(String message, long offset) {
    super(message);
    this.offset = offset;
  }

  public FormatException(String message) {
    this(message, -1);
  }

  /** The byte offset of the problem in a binary source, or -1 for text sources. */
  public long offset() {
    return offset;
  }
}
