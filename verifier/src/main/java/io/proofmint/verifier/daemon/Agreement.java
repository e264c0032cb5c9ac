package io.proofmint.verifier.daemon;

import io.proofmint.protocol.attest.Eip712Domain;
import io.proofmint.protocol.crypto.Address;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who of the verifiers acts, and when: keeps each task's latest peer answers (fetched
 * asynchronously, handed back on the daemon's thread) and when each action first became due, and
 * applies {@link QuorumPlan} for batches, disputes and committees, and rank by address among the
 * standing attesters for finalization and claims. Owned by the daemon's thread.
 */
final class Agreement {

  private static final Logger LOG = LoggerFactory.getLogger(Agreement.class);

  private final Address self;
  private final PeerAttestations peers;
  private final Eip712Domain domain;
  private final Clock clock;
  private final Duration grace;
  private final Executor daemonThread;
  private final Set<BigInteger> fetching = new HashSet<>();
  private final Map<BigInteger, List<AttestationWire.Received>> views = new HashMap<>();
  private final Map<String, Instant> dueSince = new HashMap<>();
  private final Set<String> said = new HashSet<>();

  Agreement(
      Address self,
      PeerAttestations peers,
      Eip712Domain domain,
      Clock clock,
      Duration grace,
      Executor daemonThread) {
    this.self = self;
    this.peers = peers;
    this.domain = domain;
    this.clock = clock;
    this.grace = grace;
    this.daemonThread = daemonThread;
  }

  /**
   * Asks the peers again (their answers count from the next poll) and returns the batch to send
   * now, or empty: too few matching signatures, or a lower address should send first.
   */
  Optional<QuorumPlan.Decision> decide(TrackedTask task, String what, int needed) {
    BigInteger id = task.taskId();
    refresh(id);
    if (!views.containsKey(id)) {
      return Optional.empty(); // decide once the peers have answered (or timed out) once
    }
    OwnVerdict own = task.own();
    String key = id + "/" + what;
    QuorumPlan.Decision decision =
        QuorumPlan.decide(
            own.attestation(),
            own.signature(),
            own.attestation().digest(domain),
            views.get(id),
            Set.of(task.trainer()),
            needed,
            dueSince.get(key),
            clock.instant(),
            grace);
    switch (decision.action()) {
      case NOT_ENOUGH -> {
        sayOnce(
            LOG,
            key + "/" + decision.matching(),
            "task {}: {}: {} of {} matching signatures; waiting for peers",
            id,
            what,
            decision.matching(),
            needed);
        return Optional.empty();
      }
      case WAIT -> {
        dueSince.putIfAbsent(key, clock.instant());
        sayOnce(
            LOG,
            key + "/wait",
            "task {}: {}: {} matching signatures; rank {} waits for lower addresses",
            id,
            what,
            decision.matching(),
            decision.rank());
        return Optional.empty();
      }
      default -> {
        dueSince.putIfAbsent(key, clock.instant());
        return Optional.of(decision);
      }
    }
  }

  /** Whether this verifier, a standing attester of rank r, should act now (r grace periods in). */
  boolean myTurn(TrackedTask task, String what) {
    Ruling standing = task.standing();
    if (standing == null || !standing.signers().contains(self)) {
      return false;
    }
    List<Address> sorted =
        standing.signers().stream().sorted((a, b) -> a.toHex().compareTo(b.toHex())).toList();
    int rank = sorted.indexOf(self);
    Instant since = dueSince.computeIfAbsent(task.taskId() + "/" + what, k -> clock.instant());
    return !clock.instant().isBefore(since.plus(grace.multipliedBy(rank)));
  }

  /** Logs at INFO once per task and key (a skip reason repeated every poll is noise). */
  void sayOnce(Logger log, String key, String format, Object... args) {
    if (said.add(key)) {
      log.info(format, args);
    }
  }

  void forget(BigInteger id) {
    views.remove(id);
    String prefix = id + "/";
    dueSince.keySet().removeIf(k -> k.startsWith(prefix));
    said.removeIf(k -> k.startsWith(prefix));
  }

  private void refresh(BigInteger id) {
    if (!fetching.add(id)) {
      return;
    }
    peers
        .fetch(id)
        .whenCompleteAsync(
            (list, error) -> {
              fetching.remove(id);
              if (list != null) {
                views.put(id, list);
              }
            },
            daemonThread);
  }
}
