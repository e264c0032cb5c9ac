package io.proofmint.protocol.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Random access to a checkpoint's canonical encoding (protocol.md section 7.1: the header, then
 * every tensor's elements little-endian) without materializing it: any byte range can be produced
 * on its own, so {@link CheckpointEncoder} streams it and chunks of one checkpoint can be encoded
 * and hashed on several threads at once. Safe for concurrent {@link #copy} calls as long as nobody
 * changes the tensors.
 */
public final class CheckpointBytes {

  private final byte[] header;
  private final List<Tensor> tensors;
  private final long[] tensorStart; // byte offset of each tensor's first element
  private final long length;

  public CheckpointBytes(Checkpoint checkpoint) {
    this.header = CheckpointEncoder.header(checkpoint.header());
    this.tensors = List.copyOf(checkpoint.tensors());
    this.tensorStart = new long[tensors.size()];
    long offset = header.length;
    for (int i = 0; i < tensors.size(); i++) {
      tensorStart[i] = offset;
      offset += (long) tensors.get(i).elementCount() * Float.BYTES;
    }
    this.length = offset;
  }

  /** The encoding's length in bytes. */
  public long length() {
    return length;
  }

  /**
   * Writes bytes {@code [from, from + count)} of the encoding into {@code target} at {@code at}.
   */
  public void copy(long from, byte[] target, int at, int count) {
    if (from < 0 || count < 0 || from + count > length) {
      throw new IndexOutOfBoundsException(
          "checkpoint bytes [%d, %d): expected a range within [0, %d)"
              .formatted(from, from + count, length));
    }
    java.util.Objects.checkFromIndexSize(at, count, target.length);
    long end = from + count;
    if (from < header.length) {
      int n = (int) Math.min(header.length - from, count);
      System.arraycopy(header, (int) from, target, at, n);
      from += n;
      at += n;
    }
    for (int i = firstTensorAt(from); from < end && i < tensors.size(); i++) {
      float[] data = tensors.get(i).data();
      long tensorEnd = tensorStart[i] + (long) data.length * Float.BYTES;
      int n = (int) (Math.min(end, tensorEnd) - from);
      if (n > 0) {
        copyFloats(data, from - tensorStart[i], target, at, n);
        from += n;
        at += n;
      }
    }
  }

  /** The index of the tensor holding byte {@code offset} (a data offset), or the first one. */
  private int firstTensorAt(long offset) {
    int low = 0;
    int high = tensorStart.length - 1;
    while (low < high) {
      int middle = (low + high + 1) >>> 1;
      if (tensorStart[middle] <= offset) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low;
  }

  /**
   * Copies {@code count} bytes of the little-endian image of {@code data}, starting at byte {@code
   * byteOffset} of that image, which need not fall on an element boundary.
   */
  private static void copyFloats(float[] data, long byteOffset, byte[] target, int at, int count) {
    int element = (int) (byteOffset / Float.BYTES);
    int skip = (int) (byteOffset % Float.BYTES);
    ByteBuffer out = ByteBuffer.wrap(target, at, count).slice().order(ByteOrder.LITTLE_ENDIAN);
    if (skip != 0) {
      partial(data[element++], skip, out);
    }
    int whole = out.remaining() / Float.BYTES;
    out.asFloatBuffer().put(data, element, whole);
    out.position(out.position() + whole * Float.BYTES);
    if (out.hasRemaining()) {
      partial(data[element + whole], 0, out);
    }
  }

  /** The bytes of one element's little-endian image from {@code skip}, as many as fit. */
  private static void partial(float value, int skip, ByteBuffer out) {
    int bits = Float.floatToRawIntBits(value);
    for (int b = skip; b < Float.BYTES && out.hasRemaining(); b++) {
      out.put((byte) (bits >>> (8 * b)));
    }
  }
}
