package io.proofmint.protocol.checkpoint;

import java.util.Arrays;
import java.util.Objects;

/**
 * A named float32 tensor, row-major. The shape is copied; the data array is not (a model's state is
 * large): the tensor owns it from construction on and callers must not change it. Use {@link #of}
 * for a defensive copy.
 *
 * <p>Equality compares raw IEEE-754 bits, so {@code -0.0f != 0.0f} and NaN payloads count, as they
 * do in the encoding and its hash.
 */
public record Tensor(String name, int[] shape, float[] data) {

  public Tensor {
    TensorSpec.checkName(name);
    shape = shape.clone();
    int expected = TensorSpec.elementCount(name, shape);
    if (data.length != expected) {
      throw new IllegalArgumentException(
          "tensor '%s': shape %s expects %d elements, got %d"
              .formatted(name, Arrays.toString(shape), expected, data.length));
    }
  }

  /** Copies {@code data}. */
  public static Tensor of(String name, int[] shape, float[] data) {
    return new Tensor(name, shape, data.clone());
  }

  /** Takes {@code data} without copying it. */
  public static Tensor wrap(String name, int[] shape, float[] data) {
    return new Tensor(name, shape, data);
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** The backing array itself (not a copy): read it, do not change it. */
  @Override
  public float[] data() {
    return data;
  }

  public int elementCount() {
    return data.length;
  }

  public TensorSpec spec() {
    return new TensorSpec(name, DType.FLOAT32, shape);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof Tensor that)
        || !name.equals(that.name)
        || !Arrays.equals(shape, that.shape)
        || data.length != that.data.length) {
      return false;
    }
    for (int i = 0; i < data.length; i++) {
      if (Float.floatToRawIntBits(data[i]) != Float.floatToRawIntBits(that.data[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int result = Objects.hash(name, Arrays.hashCode(shape));
    for (float value : data) {
      result = 31 * result + Float.floatToRawIntBits(value);
    }
    return result;
  }

  @Override
  public String toString() {
    return "Tensor[%s %s, %d elements]".formatted(name, Arrays.toString(shape), data.length);
  }
}
