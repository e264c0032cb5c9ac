package io.proofmint.protocol.checkpoint;

import java.nio.charset.StandardCharsets;

/** Constants and limits of the checkpoint encoding (protocol.md section 7.1). */
public final class CheckpointFormat {

  /** {@code "PMCK"}. */
  public static final byte[] MAGIC = "PMCK".getBytes(StandardCharsets.US_ASCII);

  public static final int VERSION = 1;

  /** Bytes before the first tensor descriptor: magic, version, specHash, step, tensor count. */
  public static final int FIXED_HEADER_SIZE = 4 + 4 + 32 + 8 + 4;

  public static final int MAX_TENSORS = 65_536;
  public static final int MAX_NAME_BYTES = 1024;
  public static final int MAX_RANK = 8;

  /** Elements per tensor: the largest Java array. */
  public static final long MAX_ELEMENTS = Integer.MAX_VALUE;

  private CheckpointFormat() {}
}
