package io.proofmint.protocol.artifacts;

import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link ArtifactFetcher} retries and what it accepts. Connection errors, timeouts, {@code
 * 408}, {@code 429} and {@code 5xx} are retried up to {@code maxAttempts} attempts in all, waiting
 * {@code initialBackoff * 2^(n-1)} (at most {@code maxBackoff}) after failed attempt {@code n}.
 *
 * @param maxAttempts attempts per artifact, at least 1
 * @param initialBackoff the wait after the first failed attempt
 * @param maxBackoff the longest wait
 * @param requestTimeout to connect, and from sending a request to its response headers
 * @param maxBytes the largest artifact accepted; a longer body fails without a retry
 */
public record FetchPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration requestTimeout,
    long maxBytes) {

  /** 16 GiB: above any checkpoint the engine writes today. */
  public static final long DEFAULT_MAX_BYTES = 1L << 34;

  public FetchPolicy {
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException("maxAttempts: expected 1 .. 100, got " + maxAttempts);
    }
    requireNonNegative("initialBackoff", initialBackoff);
    requireNonNegative("maxBackoff", maxBackoff);
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout: expected > 0, got " + requestTimeout);
    }
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes: expected >= 0, got " + maxBytes);
    }
  }

  /** 5 attempts, 250 ms doubling up to 8 s, 30 s per request, 16 GiB. */
  public static FetchPolicy defaults() {
    return new FetchPolicy(
        5,
        Duration.ofMillis(250),
        Duration.ofSeconds(8),
        Duration.ofSeconds(30),
        DEFAULT_MAX_BYTES);
  }

  public FetchPolicy withMaxAttempts(int attempts) {
    return new FetchPolicy(attempts, initialBackoff, maxBackoff, requestTimeout, maxBytes);
  }

  public FetchPolicy withBackoff(Duration initial, Duration max) {
    return new FetchPolicy(maxAttempts, initial, max, requestTimeout, maxBytes);
  }

  public FetchPolicy withRequestTimeout(Duration timeout) {
    return new FetchPolicy(maxAttempts, initialBackoff, maxBackoff, timeout, maxBytes);
  }

  public FetchPolicy withMaxBytes(long bytes) {
    return new FetchPolicy(maxAttempts, initialBackoff, maxBackoff, requestTimeout, bytes);
  }

  /** The wait after failed attempt {@code attempt} (1-based). */
  public Duration backoff(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt: expected >= 1, got " + attempt);
    }
    Duration wait = initialBackoff;
    for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) < 0 ? wait : maxBackoff;
  }

  private static void requireNonNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + ": expected >= 0, got " + value);
    }
  }
}
