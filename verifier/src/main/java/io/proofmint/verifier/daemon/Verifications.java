package io.proofmint.verifier.daemon;

import io.proofmint.protocol.attest.Attestation;
import io.proofmint.protocol.attest.Eip712Domain;
import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.wrappers.attest.AttestationSigner;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs task verifications on the replay executor, one per task at a time, and signs their verdicts
 * back on the daemon's thread. A verification that hit a local problem is tried again after the
 * retry delay. One that found the committed bundle unavailable (not downloadable, or not matching
 * the commitment) is tried again with a doubling delay until the grace period, counted from its
 * first such failure, is over; then UNAVAILABLE is signed. One that found nothing attestable is not
 * tried again (until the task is re-committed).
 *
 * <p>Before this verifier's UNAVAILABLE verdict is used in a dispute (to raise one, or to sign on
 * the committee) the bundle is fetched once more ({@link #recheck}): a trainer answers an
 * UNAVAILABLE quorum by serving its bundle to the larger committee.
 */
final class Verifications {

  private static final Logger LOG = LoggerFactory.getLogger(Verifications.class);

  private final TaskVerifier verifier;
  private final AttestationSigner signer;
  private final Eip712Domain domain;
  private final VerifierMetrics metrics;
  private final Clock clock;
  private final DaemonSettings settings;
  private final Executor replayExecutor;
  private final Executor daemonThread;
  private final Set<BigInteger> running = new HashSet<>();
  private final Map<BigInteger, Instant> retryAt = new HashMap<>();
  private final Map<BigInteger, String> gaveUp = new HashMap<>();
  private final Map<BigInteger, Unavailable> unavailable = new HashMap<>();
  private final Set<BigInteger> rechecked = new HashSet<>();

  /** When a task's bundle was first found unavailable, and how many attempts failed since. */
  private record Unavailable(Instant since, int attempts) {
    Unavailable next() {
      return new Unavailable(since, attempts + 1);
    }
  }

  Verifications(
      TaskVerifier verifier,
      AttestationSigner signer,
      Eip712Domain domain,
      VerifierMetrics metrics,
      Clock clock,
      DaemonSettings settings,
      Executor replayExecutor,
      Executor daemonThread) {
    this.verifier = verifier;
    this.signer = signer;
    this.domain = domain;
    this.metrics = metrics;
    this.clock = clock;
    this.settings = settings;
    this.replayExecutor = replayExecutor;
    this.daemonThread = daemonThread;
  }

  /** True if a verification of this task found nothing attestable. */
  boolean gaveUp(BigInteger id) {
    return gaveUp.containsKey(id);
  }

  /** Whether a verification may start now (none running, no retry pending). */
  boolean canStart(BigInteger id) {
    Instant retry = retryAt.get(id);
    return !running.contains(id) && (retry == null || !clock.instant().isBefore(retry));
  }

  /**
   * Starts verifying {@code task}. On the daemon's thread, {@code current} then gives the task as
   * it is by then (null if no longer tracked) and {@code signed} receives the signed verdict.
   */
  void start(
      TrackedTask task,
      Hash32 spec,
      Hash32 parent,
      ModelRules rules,
      List<Long> chainSample,
      Function<BigInteger, TrackedTask> current,
      Consumer<OwnVerdict> signed) {
    BigInteger id = task.taskId();
    LOG.info("task {}: verifying sampled segments {} (q = {})", id, chainSample, rules.samples());
    run(task, spec, parent, rules, chainSample, grace(rules), current, signed);
  }

  /**
   * Whether this verifier's own verdict may be used in a dispute now. True unless it is UNAVAILABLE
   * and has not been checked again since it was signed; then the bundle is fetched once more (no
   * grace: still unavailable signs UNAVAILABLE again) and false is returned until that is done.
   */
  boolean recheck(
      TrackedTask task,
      Hash32 spec,
      Hash32 parent,
      ModelRules rules,
      List<Long> chainSample,
      Function<BigInteger, TrackedTask> current,
      Consumer<OwnVerdict> signed) {
    BigInteger id = task.taskId();
    if (task.own().verdict() != Verdict.UNAVAILABLE || rechecked.contains(id)) {
      return !running.contains(id);
    }
    if (running.contains(id)) {
      return false;
    }
    rechecked.add(id);
    unavailable.remove(id);
    LOG.info(
        "task {}: our verdict is UNAVAILABLE and a dispute is on: fetching the bundle again", id);
    run(task, spec, parent, rules, chainSample, Duration.ZERO, current, signed);
    return false;
  }

  private void run(
      TrackedTask task,
      Hash32 spec,
      Hash32 parent,
      ModelRules rules,
      List<Long> chainSample,
      Duration grace,
      Function<BigInteger, TrackedTask> current,
      Consumer<OwnVerdict> signed) {
    BigInteger id = task.taskId();
    running.add(id);
    CompletableFuture.supplyAsync(
            () -> verifier.verify(spec, task, parent, rules, chainSample), replayExecutor)
        .whenCompleteAsync(
            (result, error) -> {
              running.remove(id);
              TrackedTask now = current.apply(id);
              if (now == null) {
                return;
              }
              if (now.sameCommitment(task.trainer(), task.root())) {
                done(now, result, error, grace, signed);
              } else {
                // about an earlier commitment of the task, whatever its root: never signed
                LOG.info(
                    "task {}: re-committed by {} while verifying; result dropped",
                    id,
                    now.trainer());
              }
            },
            daemonThread);
  }

  /** The configured grace, at most half the model's verifyTimeout. */
  private Duration grace(ModelRules rules) {
    Duration half = Duration.ofSeconds(rules.verifyTimeout() / 2);
    return settings.unavailableGrace().compareTo(half) < 0 ? settings.unavailableGrace() : half;
  }

  private void done(
      TrackedTask task,
      Verification result,
      Throwable error,
      Duration grace,
      Consumer<OwnVerdict> signed) {
    BigInteger id = task.taskId();
    Duration retryDelay = settings.retryDelay();
    if (error != null) {
      LOG.error("task {}: verification failed unexpectedly; retrying later", id, error);
      retryAt.put(id, clock.instant().plus(retryDelay));
      return;
    }
    switch (result.outcome()) {
      case RETRY -> {
        LOG.warn(
            "task {}: cannot verify yet, retrying in {} ms: {}",
            id,
            retryDelay.toMillis(),
            result.detail());
        retryAt.put(id, clock.instant().plus(retryDelay));
      }
      case UNAVAILABLE -> unavailable(task, result, grace, signed);
      case CANNOT_ATTEST -> {
        unavailable.remove(id);
        LOG.warn("task {}: no attestation is possible, not attesting: {}", id, result.detail());
        gaveUp.put(id, result.detail());
      }
      case VERDICT -> {
        unavailable.remove(id);
        signed.accept(sign(task, result));
      }
    }
  }

  private void unavailable(
      TrackedTask task, Verification result, Duration grace, Consumer<OwnVerdict> signed) {
    BigInteger id = task.taskId();
    Instant now = clock.instant();
    Unavailable u = unavailable.merge(id, new Unavailable(now, 1), (old, first) -> old.next());
    Instant signAt = u.since().plus(grace);
    metrics.bundleUnavailable();
    if (!now.isBefore(signAt)) {
      LOG.warn(
          "task {}: the committed bundle is still unavailable after {} attempt(s) in {} s (grace"
              + " {} s); signing UNAVAILABLE: {}",
          id,
          u.attempts(),
          Duration.between(u.since(), now).toSeconds(),
          grace.toSeconds(),
          result.detail());
      signed.accept(sign(task, result));
      return;
    }
    Instant next = now.plus(settings.fetchBackoff(u.attempts()));
    if (next.isAfter(signAt)) {
      next = signAt;
    }
    LOG.warn(
        "task {}: the committed bundle is unavailable (attempt {}), fetching again in {} ms;"
            + " UNAVAILABLE in {} ms if it stays so: {}",
        id,
        u.attempts(),
        Duration.between(now, next).toMillis(),
        Duration.between(now, signAt).toMillis(),
        result.detail());
    retryAt.put(id, next);
  }

  private OwnVerdict sign(TrackedTask task, Verification result) {
    BigInteger id = task.taskId();
    Attestation attestation =
        switch (result.verdict()) {
          case VALID -> Attestation.valid(id, task.root(), task.seed());
          case FRAUD -> Attestation.fraud(id, task.root(), task.seed(), result.failingSegment());
          case UNAVAILABLE -> Attestation.unavailable(id, task.root(), task.seed());
        };
    OwnVerdict own =
        new OwnVerdict(
            attestation,
            signer.sign(attestation, domain),
            result.leaf(),
            result.proof(),
            result.detail());
    metrics.verdictSigned(own.verdict());
    LOG.info(
        "task {}: signed {}{} ({})",
        id,
        own.verdict(),
        own.verdict() == Verdict.FRAUD ? " at segment " + own.failingSegment() : "",
        result.detail());
    return own;
  }

  void forget(BigInteger id) {
    retryAt.remove(id);
    gaveUp.remove(id);
    unavailable.remove(id);
    rechecked.remove(id);
  }
}
