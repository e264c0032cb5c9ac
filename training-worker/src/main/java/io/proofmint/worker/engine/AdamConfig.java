package io.proofmint.worker.engine;

/**
 * Adam hyper-parameters (Kingma and Ba, with bias correction), float32 as the update uses them.
 *
 * <p>The update is PyTorch's {@code torch.optim.Adam} (no weight decay, no amsgrad): {@code m = b1
 * m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr * (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) +
 * eps)}.
 */
public record AdamConfig(float learningRate, float beta1, float beta2, float epsilon) {

  public AdamConfig {
    requireIn("learningRate", learningRate, 0f, Float.MAX_VALUE, false);
    requireIn("beta1", beta1, 0f, 1f, true);
    requireIn("beta2", beta2, 0f, 1f, true);
    requireIn("epsilon", epsilon, 0f, Float.MAX_VALUE, false);
  }

  /** PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8. */
  public static AdamConfig defaults() {
    return new AdamConfig(1e-3f, 0.9f, 0.999f, 1e-8f);
  }

  public static AdamConfig withLearningRate(float learningRate) {
    AdamConfig d = defaults();
    return new AdamConfig(learningRate, d.beta1, d.beta2, d.epsilon);
  }

  /** Stable text for hashing: every float as its IEEE-754 bits in hex. */
  public String canonical() {
    return "adam(lr=%s,beta1=%s,beta2=%s,eps=%s)"
        .formatted(bits(learningRate), bits(beta1), bits(beta2), bits(epsilon));
  }

  static String bits(float f) {
    return String.format("0x%08x", Float.floatToRawIntBits(f));
  }

  private static void requireIn(
      String name, float value, float low, float high, boolean highExclusive) {
    boolean ok =
        Float.isFinite(value) && value > low && (highExclusive ? value < high : value <= high);
    if (!ok && !(value == low && name.startsWith("beta"))) {
      throw new IllegalArgumentException(
          "adam %s: expected a finite value in (%s, %s%s, got %s"
              .formatted(name, low, high, highExclusive ? ")" : "]", value));
    }
  }
}
