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
 * back on the daemon's thread. A verification that could not fetch the bundle is tried again after
 * a delay; one that found nothing attestable is not tried again (until the task is re-committed).
 */
final class Verifications {

  private static final Logger LOG = LoggerFactory.getLogger(Verifications.class);

  private final TaskVerifier verifier;
  private final AttestationSigner signer;
  private final Eip712Domain domain;
  private final VerifierMetrics metrics;
  private final Clock clock;
  private final Duration retryDelay;
  private final Executor replayExecutor;
  private final Executor daemonThread;
  private final Set<BigInteger> running = new HashSet<>();
  private final Map<BigInteger, Instant> retryAt = new HashMap<>();
  private final Map<BigInteger, String> gaveUp = new HashMap<>();

  Verifications(
      TaskVerifier verifier,
      AttestationSigner signer,
      Eip712Domain domain,
      VerifierMetrics metrics,
      Clock clock,
      Duration retryDelay,
      Executor replayExecutor,
      Executor daemonThread) {
    this.verifier = verifier;
    this.signer = signer;
    this.domain = domain;
    this.metrics = metrics;
    this.clock = clock;
    this.retryDelay = retryDelay;
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
    running.add(id);
    LOG.info("task {}: verifying sampled segments {} (q = {})", id, chainSample, rules.samples());
    CompletableFuture.supplyAsync(
            () -> verifier.verify(spec, task, parent, rules, chainSample), replayExecutor)
        .whenCompleteAsync(
            (result, error) -> {
              running.remove(id);
              TrackedTask now = current.apply(id);
              if (now != null && now.root().equals(task.root())) {
                done(now, result, error, signed);
              }
            },
            daemonThread);
  }

  private void done(
      TrackedTask task, Verification result, Throwable error, Consumer<OwnVerdict> signed) {
    BigInteger id = task.taskId();
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
      case CANNOT_ATTEST -> {
        LOG.warn("task {}: no attestation is possible, not attesting: {}", id, result.detail());
        gaveUp.put(id, result.detail());
      }
      case VERDICT -> signed.accept(sign(task, result));
    }
  }

  private OwnVerdict sign(TrackedTask task, Verification result) {
    BigInteger id = task.taskId();
    Attestation attestation =
        result.verdict() == Verdict.VALID
            ? Attestation.valid(id, task.root(), task.seed())
            : Attestation.fraud(id, task.root(), task.seed(), result.failingSegment());
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
  }
}
