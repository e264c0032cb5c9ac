package io.proofmint.worker.engine;

import java.util.Arrays;
import java.util.Objects;

/** The name and shape of one state tensor, without its data: an entry of a state layout. */
public record TensorSpec(String name, int[] shape) {

  public TensorSpec {
    Objects.requireNonNull(name, "name");
    shape = shape.clone();
    elementCount(name, shape);
  }

  @Override
  public int[] shape() {
    return shape.clone();
  }

  /** Number of floats the tensor holds. */
  public int elementCount() {
    return (int) elementCount(name, shape);
  }

  static long elementCount(String name, int[] shape) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("tensor name must not be empty");
    }
    long n = 1;
    for (int d : shape) {
      if (d <= 0) {
        throw new IllegalArgumentException(
            "tensor %s: dimensions must be positive, got %s"
                .formatted(name, Arrays.toString(shape)));
      }
      n *= d;
      if (n > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "tensor %s: shape %s has more than 2^31-1 elements"
                .formatted(name, Arrays.toString(shape)));
      }
    }
    return n;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorSpec other
        && name.equals(other.name)
        && Arrays.equals(shape, other.shape);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, Arrays.hashCode(shape));
  }

  @Override
  public String toString() {
    return name + Arrays.toString(shape);
  }
}
