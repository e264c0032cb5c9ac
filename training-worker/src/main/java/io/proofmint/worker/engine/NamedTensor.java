package io.proofmint.worker.engine;

import io.proofmint.protocol.checkpoint.TensorSpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * One named float32 tensor of a model's state: parameters or optimizer state, row-major.
 *
 * <p>Same shape as the protocol's checkpoint codec tensor, so mapping one onto the other is a field
 * copy. Equality compares the float bits, not the float values ({@code -0f != 0f}, a NaN equals the
 * same NaN), because exact-mode verification compares bits.
 */
public record NamedTensor(String name, int[] shape, float[] data) {

  public NamedTensor {
    Objects.requireNonNull(name, "name");
    shape = shape.clone();
    long elements = TensorSpec.float32(name, shape).elementCount();
    if (elements != data.length) {
      throw new IllegalArgumentException(
          "tensor %s: shape %s needs %d floats, got %d"
              .formatted(name, Arrays.toString(shape), elements, data.length));
    }
  }

  public static NamedTensor of(String name, int[] shape, float[] data) {
    return new NamedTensor(name, shape, data);
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  public TensorSpec spec() {
    return TensorSpec.float32(name, shape);
  }

  /** True when both tensors have the same name, shape and the very same float bits. */
  public boolean bitwiseEquals(NamedTensor other) {
    if (!name.equals(other.name) || !Arrays.equals(shape, other.shape)) {
      return false;
    }
    for (int i = 0; i < data.length; i++) {
      if (Float.floatToRawIntBits(data[i]) != Float.floatToRawIntBits(other.data[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NamedTensor other && bitwiseEquals(other);
  }

  @Override
  public int hashCode() {
    int h = name.hashCode() * 31 + Arrays.hashCode(shape);
    for (float f : data) {
      h = h * 31 + Float.floatToRawIntBits(f);
    }
    return h;
  }

  @Override
  public String toString() {
    return "NamedTensor[" + name + " " + Arrays.toString(shape) + "]";
  }
}
