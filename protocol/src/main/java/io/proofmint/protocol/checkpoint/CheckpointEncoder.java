package io.proofmint.protocol.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes the canonical encoding of a checkpoint (protocol.md section 7.1): the header, then every
 * tensor's elements in order, all little-endian, no padding.
 */
public final class CheckpointEncoder {

  private static final int BUFFER_BYTES = 1 << 16;

  private CheckpointEncoder() {}

  /** The whole encoding in memory; it must be below 2 GiB. */
  public static byte[] encode(Checkpoint checkpoint) {
    long length = checkpoint.header().encodedLength();
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "checkpoint: %d bytes do not fit one array; stream it instead".formatted(length));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) length);
    try {
      encode(checkpoint, out);
    } catch (IOException e) {
      throw new UncheckedIOException("in-memory stream", e);
    }
    return out.toByteArray();
  }

  /** Streams the encoding to {@code out} (not closed), 64 KiB at a time. */
  public static void encode(Checkpoint checkpoint, OutputStream out) throws IOException {
    CheckpointBytes bytes = new CheckpointBytes(checkpoint);
    byte[] buffer = new byte[BUFFER_BYTES];
    for (long from = 0; from < bytes.length(); from += BUFFER_BYTES) {
      int count = (int) Math.min(BUFFER_BYTES, bytes.length() - from);
      bytes.copy(from, buffer, 0, count);
      out.write(buffer, 0, count);
    }
  }

  /** The header bytes alone. */
  public static byte[] header(CheckpointHeader header) {
    ByteBuffer out =
        ByteBuffer.allocate(Math.toIntExact(header.headerLength())).order(ByteOrder.LITTLE_ENDIAN);
    out.put(CheckpointFormat.MAGIC);
    out.putInt(CheckpointFormat.VERSION);
    out.put(header.specHash().bytes());
    out.putLong(header.step());
    out.putInt(header.tensors().size());
    for (TensorSpec tensor : header.tensors()) {
      byte[] name = tensor.name().getBytes(StandardCharsets.UTF_8);
      out.putShort((short) name.length);
      out.put(name);
      out.put((byte) tensor.dtype().code());
      out.put((byte) tensor.rank());
      for (int dim : tensor.shape()) {
        out.putInt(dim);
      }
    }
    return out.array();
  }
}
