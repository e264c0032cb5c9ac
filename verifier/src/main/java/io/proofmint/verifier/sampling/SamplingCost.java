package io.proofmint.verifier.sampling;

import io.proofmint.protocol.sampling.DetectionProbability;

/**
 * The arithmetic of docs/protocol.md section 14: what sampling {@code q} of {@code S} segments
 * (with replacement, as the registry does) costs a verifier and what it catches.
 *
 * <ul>
 *   <li>detection of a trainer who faked a fraction {@code f}: {@code 1 - (1 - f)^q};
 *   <li>expected distinct segments among {@code q} draws: {@code S (1 - (1 - 1/S)^q)}; a verifier
 *       replays each distinct segment once, so its replayed fraction of the training is that over
 *       {@code S} (the same {@code k} steps per segment), below {@code q / S}.
 * </ul>
 */
public final class SamplingCost {

  /** q chosen so that f = 10% is caught with probability >= 99%: 1 - 0.9^44 = 0.9903. */
  public static final int DEFAULT_SAMPLES = 44;

  /** The replay budget per verifier, as a fraction of the trainer's steps. */
  public static final double DEFAULT_MAX_REPLAY_FRACTION = 0.05;

  private SamplingCost() {}

  public static double detection(double fakedFraction, int q) {
    return DetectionProbability.of(fakedFraction, q);
  }

  /** {@code S (1 - (1 - 1/S)^q)}. */
  public static double expectedDistinct(long segments, int q) {
    checkSegments(segments);
    return -segments * Math.expm1(q * Math.log1p(-1.0 / segments));
  }

  /** Expected replayed steps over trained steps for one verifier: distinct / S. */
  public static double replayedFraction(long segments, int q) {
    return expectedDistinct(segments, q) / segments;
  }

  /** The bound without deduplication: {@code min(1, q / S)}. */
  public static double replayedFractionBound(long segments, int q) {
    checkSegments(segments);
    return Math.min(1.0, (double) q / segments);
  }

  /** The smallest {@code S} whose expected replayed fraction is at most {@code maxFraction}. */
  public static long minSegments(int q, double maxFraction) {
    if (!(maxFraction > 0 && maxFraction < 1)) {
      throw new IllegalArgumentException("maxFraction: expected (0, 1), got " + maxFraction);
    }
    // 1 - (1 - 1/S)^q <= m  <=>  S >= 1 / (1 - (1 - m)^(1/q)); then step to the exact boundary.
    long s = (long) Math.floor(1 / -Math.expm1(Math.log1p(-maxFraction) / q));
    s = Math.max(1, s);
    while (replayedFraction(s, q) > maxFraction) {
      s++;
    }
    while (s > 1 && replayedFraction(s - 1, q) <= maxFraction) {
      s--;
    }
    return s;
  }

  /** The largest segment length {@code k} for {@code steps} that keeps {@code S >= minSegments}. */
  public static long maxSegmentLength(long steps, int q, double maxFraction) {
    return Math.max(1, steps / minSegments(q, maxFraction));
  }

  private static void checkSegments(long segments) {
    if (segments < 1) {
      throw new IllegalArgumentException("segments: expected >= 1, got " + segments);
    }
  }
}
