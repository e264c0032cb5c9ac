package io.proofmint.protocol.checkpoint;

import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** A tensor's descriptor in the checkpoint header: name, dtype and shape. */
public record TensorSpec(String name, DType dtype, int[] shape) {

  public TensorSpec {
    Objects.requireNonNull(dtype, "dtype");
    checkName(name);
    shape = shape.clone();
    elementCount(name, shape);
  }

  /**
   * A float32 tensor: the one element type the engine trains in, so its parameter and optimizer
   * layouts are these specs.
   */
  public static TensorSpec float32(String name, int[] shape) {
    return new TensorSpec(name, DType.FLOAT32, shape);
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  /** The product of the dimensions (1 for a scalar). */
  public int elementCount() {
    return elementCount(name, shape);
  }

  public long byteLength() {
    return (long) elementCount() * dtype.size();
  }

  /** Bytes of this descriptor in the header: u16 name length, name, u8 dtype, u8 rank, dims. */
  public int descriptorLength() {
    return 2 + name.getBytes(StandardCharsets.UTF_8).length + 1 + 1 + 4 * shape.length;
  }

  static void checkName(String name) {
    int length;
    try {
      length =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(name))
              .remaining();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(
          "tensor name '%s': expected valid Unicode, got an unpaired surrogate".formatted(name), e);
    }
    if (length < 1 || length > CheckpointFormat.MAX_NAME_BYTES) {
      throw new IllegalArgumentException(
          "tensor name '%s': expected 1..%d UTF-8 bytes, got %d"
              .formatted(name, CheckpointFormat.MAX_NAME_BYTES, length));
    }
  }

  static int elementCount(String name, int[] shape) {
    if (shape.length > CheckpointFormat.MAX_RANK) {
      throw new IllegalArgumentException(
          "tensor '%s': expected rank <= %d, got %d"
              .formatted(name, CheckpointFormat.MAX_RANK, shape.length));
    }
    long count = 1;
    for (int dim : shape) {
      if (dim < 1) {
        throw new IllegalArgumentException(
            "tensor '%s': expected dimensions >= 1, got shape %s"
                .formatted(name, Arrays.toString(shape)));
      }
      count *= dim;
      if (count > CheckpointFormat.MAX_ELEMENTS) {
        throw new IllegalArgumentException(
            "tensor '%s': expected at most %d elements, got shape %s"
                .formatted(name, CheckpointFormat.MAX_ELEMENTS, Arrays.toString(shape)));
      }
    }
    return (int) count;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TensorSpec that
        && name.equals(that.name)
        && dtype == that.dtype
        && Arrays.equals(shape, that.shape);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, dtype, Arrays.hashCode(shape));
  }

  @Override
  public String toString() {
    return "%s %s%s".formatted(name, dtype, Arrays.toString(shape));
  }
}
