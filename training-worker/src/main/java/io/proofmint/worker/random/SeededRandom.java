package io.proofmint.worker.random;

/**
 * A fully specified pseudo-random source, so weight init and synthetic data are the same bits on
 * every JVM and every backend: SplitMix64 (Steele, Lea, Flood 2014) for the integers, the top 24 or
 * 53 bits for uniforms, and the Box-Muller transform through {@link StrictMath} (fdlibm, bit
 * identical on every platform) for normals.
 *
 * <p>Not thread-safe; give each stream its own instance ({@link #forStream}).
 */
public final class SeededRandom {

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state;
  private double spareNormal;
  private boolean hasSpare;

  public SeededRandom(long seed) {
    this.state = seed;
  }

  /** An independent stream for {@code (seed, streamId)}, e.g. one per tensor. */
  public static SeededRandom forStream(long seed, long streamId) {
    return new SeededRandom(mix(seed ^ mix(streamId + GOLDEN_GAMMA)));
  }

  public long nextLong() {
    state += GOLDEN_GAMMA;
    return mix(state);
  }

  /** Uniform in {@code [0, bound)} without modulo bias (Lemire's method with rejection). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive, got " + bound);
    }
    long r = (nextLong() >>> 32) * bound;
    long low = r & 0xffffffffL;
    if (low < bound) {
      long threshold = (0x100000000L - bound) % bound;
      while (low < threshold) {
        r = (nextLong() >>> 32) * bound;
        low = r & 0xffffffffL;
      }
    }
    return (int) (r >>> 32);
  }

  /** Uniform in {@code [0, 1)} with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Standard normal via Box-Muller; the second value of each pair is kept for the next call. */
  public double nextGaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spareNormal;
    }
    double u1 = 1.0 - nextDouble(); // (0, 1]: log stays finite
    double u2 = nextDouble();
    double radius = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
    double angle = 2.0 * StrictMath.PI * u2;
    spareNormal = radius * StrictMath.sin(angle);
    hasSpare = true;
    return radius * StrictMath.cos(angle);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
