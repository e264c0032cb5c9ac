package io.proofmint.protocol.sampling;

/**
 * How likely sampling catches a trainer who faked a fraction {@code f} of the segments: with {@code
 * q} independent draws the fraud escapes with probability {@code (1 - f)^q}.
 */
public final class DetectionProbability {

  private DetectionProbability() {}

  /** {@code 1 - (1 - f)^q}. */
  public static double of(double fakedFraction, int q) {
    checkFraction(fakedFraction);
    if (q < 0) {
      throw new IllegalArgumentException("q: expected >= 0, got " + q);
    }
    if (q == 0) {
      return 0.0;
    }
    if (fakedFraction == 1.0) {
      return 1.0; // q * log(0) would be -infinity, and 0 * -infinity NaN
    }
    return -Math.expm1(q * Math.log1p(-fakedFraction));
  }

  /**
   * The smallest {@code q} with {@code of(f, q) >= target}: {@code ceil(ln(1 - target) / ln(1 -
   * f))}, corrected for rounding. {@code f} in {@code (0, 1]}, {@code target} in {@code [0, 1)}.
   */
  public static int minSamples(double fakedFraction, double target) {
    checkFraction(fakedFraction);
    if (fakedFraction == 0.0) {
      throw new IllegalArgumentException("fakedFraction: expected > 0, got 0 (never detected)");
    }
    if (!(target >= 0.0 && target < 1.0)) {
      throw new IllegalArgumentException("target: expected a value in [0, 1), got " + target);
    }
    if (target == 0.0) {
      return 0;
    }
    if (fakedFraction == 1.0) {
      return 1;
    }
    double estimate = Math.ceil(Math.log1p(-target) / Math.log1p(-fakedFraction));
    if (estimate > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "minSamples(f=%s, target=%s): more than %d samples"
              .formatted(fakedFraction, target, Integer.MAX_VALUE));
    }
    int q = (int) Math.max(1, estimate);
    while (of(fakedFraction, q) < target) {
      q++;
    }
    while (q > 1 && of(fakedFraction, q - 1) >= target) {
      q--;
    }
    return q;
  }

  private static void checkFraction(double fakedFraction) {
    if (!(fakedFraction >= 0.0 && fakedFraction <= 1.0)) {
      throw new IllegalArgumentException(
          "fakedFraction: expected a value in [0, 1], got " + fakedFraction);
    }
  }
}
