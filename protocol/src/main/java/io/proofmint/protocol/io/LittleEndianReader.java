package io.proofmint.protocol.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads little-endian fields from a stream, counting the offset, and reports truncation as a {@link
 * FormatException} that names the field, its offset and the byte counts.
 */
public final class LittleEndianReader {

  private static final int BUFFER_BYTES = 1 << 16;

  private final InputStream in;
  private final String source;
  private final byte[] scratch = new byte[BUFFER_BYTES];
  private long offset;

  public LittleEndianReader(InputStream in, String source) {
    this.in = in;
    this.source = source;
  }

  public long offset() {
    return offset;
  }

  /** An error at byte {@code at} of the source. */
  public FormatException error(long at, String message) {
    return new FormatException("%s at offset %d: %s".formatted(source, at, message), at);
  }

  public byte[] readBytes(int length, String what) throws IOException {
    byte[] out = new byte[length];
    readFully(out, 0, length, what);
    return out;
  }

  public int readU8(String what) throws IOException {
    readFully(scratch, 0, 1, what);
    return scratch[0] & 0xff;
  }

  public int readU16(String what) throws IOException {
    readFully(scratch, 0, 2, what);
    return (scratch[0] & 0xff) | (scratch[1] & 0xff) << 8;
  }

  /** An unsigned 32-bit value as a long. */
  public long readU32(String what) throws IOException {
    readFully(scratch, 0, 4, what);
    return ByteBuffer.wrap(scratch, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
  }

  /** A 64-bit value; callers decide how to treat the sign bit. */
  public long readU64(String what) throws IOException {
    readFully(scratch, 0, 8, what);
    return ByteBuffer.wrap(scratch, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  /** Fills {@code target} with little-endian float32 values, raw bits preserved. */
  public void readFloats(float[] target, String what) throws IOException {
    int perBuffer = BUFFER_BYTES / Float.BYTES;
    for (int from = 0; from < target.length; from += perBuffer) {
      int count = Math.min(perBuffer, target.length - from);
      readFully(scratch, 0, count * Float.BYTES, what);
      ByteBuffer.wrap(scratch, 0, count * Float.BYTES)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asFloatBuffer()
          .get(target, from, count);
    }
  }

  /** Fills {@code target} with little-endian int32 values. */
  public void readInts(int[] target, String what) throws IOException {
    int perBuffer = BUFFER_BYTES / Integer.BYTES;
    for (int from = 0; from < target.length; from += perBuffer) {
      int count = Math.min(perBuffer, target.length - from);
      readFully(scratch, 0, count * Integer.BYTES, what);
      ByteBuffer.wrap(scratch, 0, count * Integer.BYTES)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asIntBuffer()
          .get(target, from, count);
    }
  }

  /** Fails unless the stream is exhausted. */
  public void expectEnd() throws IOException {
    int extra = in.readNBytes(scratch, 0, scratch.length);
    if (extra > 0) {
      long more = extra;
      while ((extra = in.readNBytes(scratch, 0, scratch.length)) > 0) {
        more += extra;
      }
      throw error(offset, "expected end of data, got %d more bytes".formatted(more));
    }
  }

  private void readFully(byte[] target, int from, int length, String what) throws IOException {
    int read = in.readNBytes(target, from, length);
    if (read != length) {
      throw error(
          offset + read,
          "truncated reading %s: expected %d bytes, got %d".formatted(what, length, read));
    }
    offset += length;
  }
}
