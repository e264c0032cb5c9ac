package io.proofmint.verifier.daemon;

import java.time.Duration;
import java.util.Objects;

/**
 * How the daemon follows the chain and paces itself.
 *
 * @param confirmations events are acted on once this many blocks are on top of theirs (a reorg up
 *     to this depth never reaches the daemon)
 * @param startBlock the first block scanned when there is no state file
 * @param maxLogRange blocks per {@code eth_getLogs} request
 * @param pollInterval time between polls of the head
 * @param maxBackoff the longest wait after consecutive failed polls (doubling from pollInterval)
 * @param submitGrace how long the verifier at rank r waits (times r) for lower-ranked ones to send
 *     a batch, a dispute, a committee resolution or a finalization
 * @param retryDelay before fetching a bundle again after a transient failure
 * @param disputes raise disputes against accepted verdicts this verifier disagrees with
 * @param keeper finalize tasks this verifier attested and claim their attester rewards
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
    boolean keeper) {

  public DaemonSettings {
    if (confirmations < 0 || confirmations > 1000) {
      throw new IllegalArgumentException("confirmations: expected 0..1000, got " + confirmations);
    }
    if (startBlock < 0) {
      throw new IllegalArgumentException("startBlock: expected >= 0, got " + startBlock);
    }
    if (maxLogRange < 1) {
      throw new IllegalArgumentException("maxLogRange: expected >= 1, got " + maxLogRange);
    }
    for (Duration d : new Duration[] {pollInterval, maxBackoff, submitGrace, retryDelay}) {
      Objects.requireNonNull(d, "durations");
      if (d.isNegative()) {
        throw new IllegalArgumentException("durations: expected >= 0, got " + d);
      }
    }
  }

  /** 3 confirmations, 2 s polls, up to 60 s backoff, 10 s submit grace, disputes and keeper on. */
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
        true);
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
        keeper);
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
        keeper);
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
        keeper);
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
        keeper);
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
        keeper);
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
