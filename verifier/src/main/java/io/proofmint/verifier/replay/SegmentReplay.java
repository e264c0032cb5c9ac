package io.proofmint.verifier.replay;

import io.proofmint.protocol.crypto.Hash32;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The outcome of replaying one segment.
 *
 * @param segment the segment index {@code i}
 * @param reason why it passed or failed
 * @param committedEnd {@code C_{i+1}} as the bundle commits it
 * @param replayedEnd the checkpoint hash of the replayed end state; null if the replay did not run
 * @param distance the tolerant-mode distance to {@code C_{i+1}}; NaN when not computed
 * @param failingStep the task step of a batch or loss mismatch; -1 otherwise
 * @param detail what was expected and what came, for logs and tables
 * @param elapsed wall time of the replay
 */
public record SegmentReplay(
    int segment,
    ReplayReason reason,
    Hash32 committedEnd,
    Hash32 replayedEnd,
    double distance,
    long failingStep,
    String detail,
    Duration elapsed) {

  public SegmentReplay {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(committedEnd, "committedEnd");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  public boolean passes() {
    return reason.passes();
  }

  public Optional<Hash32> replayedEndHash() {
    return Optional.ofNullable(replayedEnd);
  }

  public OptionalDouble distanceIfComputed() {
    return Double.isNaN(distance) ? OptionalDouble.empty() : OptionalDouble.of(distance);
  }

  public OptionalLong failingStepIfAny() {
    return failingStep < 0 ? OptionalLong.empty() : OptionalLong.of(failingStep);
  }

  @Override
  public String toString() {
    return "segment %d: %s (%s)".formatted(segment, reason, detail);
  }
}
