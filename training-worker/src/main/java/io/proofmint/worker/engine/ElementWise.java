package io.proofmint.worker.engine;

/**
 * The element-wise passes of the MLP, on heap arrays (the JIT vectorizes them; element-wise, so the
 * bits are a scalar loop's): nothing is summed, nothing to order.
 */
final class ElementWise {

  private ElementWise() {}

  /**
   * In place {@code Math.max(x, 0f)} on {@code [from, from + count)}: {@code -0} becomes {@code
   * +0}, NaN stays NaN. Branch-free (a branch on the sign of half-random activations mispredicts
   * about every other element).
   */
  static void relu(float[] x, int from, int count) {
    for (int i = from; i < from + count; i++) {
      x[i] = Math.max(x[i], 0f);
    }
  }

  /**
   * {@code delta *= signum(activation)} on {@code [from, from + count)}: the ReLU derivative, since
   * an activation is {@code +0} or positive after {@link #relu} ({@code delta * 1} is exact, {@code
   * delta * +0} is a signed zero).
   */
  static void reluBackward(float[] delta, float[] activation, int from, int count) {
    for (int i = from; i < from + count; i++) {
      delta[i] *= Math.signum(activation[i]);
    }
  }
}
