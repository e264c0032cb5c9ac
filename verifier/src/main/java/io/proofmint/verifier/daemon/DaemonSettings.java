package io.proofmint.verifier.daemon;

import java.time.Duration;
import java.util.Objects;

/**
 * How the daemon follows the chain and paces itself.
 *
 * @param confirmations events are acted on once this many blocks are on top of theirs (a reorg up
 *     to this depth never reaches the daemon); at most {@link #MAX_CONFIRMATIONS}
 * @param startBlock the first block scanned when there is no state file
 * @param maxLogRange blocks per {@code eth_getLogs} request
 * @param pollInterval time between polls of the head
 * @param maxBackoff the longest wait after consecutive failed polls (doubling from pollInterval)
 * @param submitGrace how long the verifier at rank r waits (times r) for lower-ranked ones to send
 *     a batch, a dispute, a committee resolution or a finalization
 * @param retryDelay before fetching a bundle again after a transient failure; doubles per failed
 *     attempt up to {@code maxBackoff} while a bundle stays unavailable
 * @param disputes raise disputes against accepted verdicts this verifier disagrees with
 * @param keeper finalize tasks this verifier attested and claim their attester rewards
 * @param unavailableGrace how long after the first failed attempt the committed bundle (or an
 *     artifact a sampled segment needs) may stay unavailable, or not match the commitment, before
 *     this verifier signs UNAVAILABLE; capped at half the model's verifyTimeout
 */
public record DaemonSettings(
    int confirmations,
    long startBlock,
    int maxLogRange,
    Duration pollInterval,
    Duration maxBackoff,
    Duration submitGrace,
    Duration retryDelay,
    boolean disputes,
    boolean keeper,
    Duration unavailableGrace) {

  /**
   * At most this many confirmations: the daemon draws a task's seed once the commit is confirmed,
   * and must do so well within the 256 blocks after which the seed would re-anchor and give the
   * trainer a second draw (docs/protocol.md section 5).
   */
  public static final int MAX_CONFIRMATIONS = 128;

  /** The grace {@link #defaults()} and the nine-argument constructor use: 10 minutes. */
  public static final Duration DEFAULT_UNAVAILABLE_GRACE = Duration.ofMinutes(10);

  public DaemonSettings {
    if (confirmations < 0 || confirmations > MAX_CONFIRMATIONS) {
      throw new IllegalArgumentException(
          "confirmations: expected 0..%d (the seed must be drawn within 256 blocks of the commit),"
                  .formatted(MAX_CONFIRMATIONS)
              + " got "
              + confirmations);
    }
    if (startBlock < 0) {
      throw new IllegalArgumentException("startBlock: expected >= 0, got " + startBlock);
    }
    if (maxLogRange < 1) {
      throw new IllegalArgumentException("maxLogRange: expected >= 1, got " + maxLogRange);
    }
    for (Duration d :
        new Duration[] {pollInterval, maxBackoff, submitGrace, retryDelay, unavailableGrace}) {
      Objects.requireNonNull(d, "durations");
      if (d.isNegative()) {
        throw new IllegalArgumentException("durations: expected >= 0, got " + d);
      }
    }
  }

  /** The settings with the default {@link #DEFAULT_UNAVAILABLE_GRACE}. */
  public DaemonSettings(
      int confirmations,
      long startBlock,
      int maxLogRange,
      Duration pollInterval,
      Duration maxBackoff,
      Duration submitGrace,
      Duration retryDelay,
      boolean disputes,
      boolean keeper) {
    this(
        confirmations,
        startBlock,
        maxLogRange,
        pollInterval,
        maxBackoff,
        submitGrace,
        retryDelay,
        disputes,
        keeper,
        DEFAULT_UNAVAILABLE_GRACE);
  }

  /**
   * 3 confirmations, 2 s polls, up to 60 s backoff, 10 s submit grace, disputes and keeper on, 10
   * minutes of grace before signing UNAVAILABLE.
   */
  public static DaemonSettings defaults() {
    return new DaemonSettings(
        3,
        0,
        2_000,
        Duration.ofSeconds(2),
        Duration.ofSeconds(60),
        Duration.ofSeconds(10),
        Duration.ofSeconds(15),
        true,
        true,
        DEFAULT_UNAVAILABLE_GRACE);
  }

  public DaemonSettings withConfirmations(int blocks) {
    return new DaemonSettings(
        blocks,
        startBlock,
        maxLogRange,
        pollInterval,
        maxBackoff,
        submitGrace,
        retryDelay,
        disputes,
        keeper,
        unavailableGrace);
  }

  public DaemonSettings withPollInterval(Duration interval) {
    return new DaemonSettings(
        confirmations,
        startBlock,
        maxLogRange,
        interval,
        maxBackoff,
        submitGrace,
        retryDelay,
        disputes,
        keeper,
        unavailableGrace);
  }

  public DaemonSettings withSubmitGrace(Duration grace) {
    return new DaemonSettings(
        confirmations,
        startBlock,
        maxLogRange,
        pollInterval,
        maxBackoff,
        grace,
        retryDelay,
        disputes,
        keeper,
        unavailableGrace);
  }

  public DaemonSettings withStartBlock(long block) {
    return new DaemonSettings(
        confirmations,
        block,
        maxLogRange,
        pollInterval,
        maxBackoff,
        submitGrace,
        retryDelay,
        disputes,
        keeper,
        unavailableGrace);
  }

  public DaemonSettings withMaxBackoff(Duration backoff) {
    return new DaemonSettings(
        confirmations,
        startBlock,
        maxLogRange,
        pollInterval,
        backoff,
        submitGrace,
        retryDelay,
        disputes,
        keeper,
        unavailableGrace);
  }

  public DaemonSettings withUnavailableGrace(Duration grace) {
    return new DaemonSettings(
        confirmations,
        startBlock,
        maxLogRange,
        pollInterval,
        maxBackoff,
        submitGrace,
        retryDelay,
        disputes,
        keeper,
        grace);
  }

  /**
   * The wait before fetching an unavailable bundle again after {@code attempts} failed attempts:
   * {@code retryDelay * 2^(attempts - 1)}, at most {@code maxBackoff}.
   */
  public Duration fetchBackoff(int attempts) {
    Duration wait = retryDelay;
    for (int i = 1; i < attempts && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) < 0 ? wait : maxBackoff;
  }

  /** The wait after {@code failures} consecutive failed polls (0: the poll interval). */
  public Duration backoff(int failures) {
    Duration wait = pollInterval;
    for (int i = 0; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) < 0 ? wait : maxBackoff;
  }
}
