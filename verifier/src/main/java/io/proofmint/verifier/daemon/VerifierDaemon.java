package io.proofmint.verifier.daemon;

import io.proofmint.protocol.attest.Eip712Domain;
import io.proofmint.protocol.attest.Verdict;
import io.proofmint.wrappers.attest.AttestationSigner;
import io.proofmint.wrappers.registry.TaskStatus;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the registry and verifies the tasks of the models it serves (docs/verifier.md):
 *
 * <ol>
 *   <li>polls the head and applies the registry events of blocks up to {@code head - confirmations}
 *       ({@link ChainFollower}), persisting the cursor atomically;
 *   <li>draws the seed of a committed task as soon as the commit is confirmed and the seed block
 *       mined (anyone may; a lost race is fine): the trainer must not get the chance to let the
 *       seed block's hash expire and have the seed re-anchored (docs/protocol.md section 5);
 *   <li>after a confirmed {@code SeedDrawn}, verifies the task on the replay executor ({@link
 *       TaskVerifier}) and signs the EIP-712 attestation, which its HTTP endpoint then serves; a
 *       bundle that stays unavailable (or does not match the commitment) for the grace period is
 *       signed UNAVAILABLE;
 *   <li>collects matching signatures from its peers and, following {@link QuorumPlan}, submits the
 *       batch (re-reading the task first: "already attested" is success);
 *   <li>disputes an accepted verdict on the other side of VALID from its own (VALID against FRAUD
 *       or UNAVAILABLE), signs on the dispute committee and submits the committee's resolution the
 *       same way; an own UNAVAILABLE verdict is checked once more before it is used in a dispute;
 *   <li>as a keeper, finalizes tasks it attested and claims the attester rewards.
 * </ol>
 *
 * <p>All state is owned by the scheduler's thread: replays and peer requests complete on other
 * threads and hand their results back to it. Polls that fail (node down) are retried with
 * exponential backoff. Actions are only ever triggered by confirmed events; the checks right before
 * a transaction read the latest state.
 */
public final class VerifierDaemon implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VerifierDaemon.class);

  private final RegistryClient chain;
  private final TaskVerifier verifier;
  private final AttestationSigner signer;
  private final AttestationBook book;
  private final StateFile stateFile;
  private final VerifierMetrics metrics;
  private final DaemonSettings settings;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final Executor replayExecutor;
  private final Eip712Domain domain;
  private final ModelCatalog models;
  private final ChainFollower follower;
  private final Agreement agreement;
  private final TaskActions actions;

  private final Verifications verifications;

  private DaemonState state;
  private int failures;
  private volatile boolean running;
  private volatile Instant lastPoll;

  /**
   * @param scheduler runs the poll loop and owns all daemon state (one thread)
   * @param replayExecutor runs {@link TaskVerifier#verify}; one thread per replay engine
   */
  public VerifierDaemon(
      RegistryClient chain,
      TaskVerifier verifier,
      AttestationSigner signer,
      PeerAttestations peers,
      AttestationBook book,
      StateFile stateFile,
      VerifierMetrics metrics,
      DaemonSettings settings,
      Clock clock,
      ScheduledExecutorService scheduler,
      Executor replayExecutor) {
    if (!signer.signer().equals(chain.self())) {
      throw new IllegalArgumentException(
          "signer %s: expected the sending account %s".formatted(signer.signer(), chain.self()));
    }
    this.chain = chain;
    this.verifier = verifier;
    this.signer = signer;
    this.book = book;
    this.stateFile = stateFile;
    this.metrics = metrics;
    this.settings = settings;
    this.clock = clock;
    this.scheduler = scheduler;
    this.replayExecutor = replayExecutor;
    this.domain = Eip712Domain.of(chain.chainId(), chain.registry());
    this.models = new ModelCatalog(chain);
    this.follower = new ChainFollower(chain, settings, verifier, models, this::forget);
    this.agreement =
        new Agreement(chain.self(), peers, domain, clock, settings.submitGrace(), scheduler);
    this.actions =
        new TaskActions(chain, new Transactions(chain, metrics), agreement, models, settings);
    this.verifications =
        new Verifications(
            verifier, signer, domain, metrics, clock, settings, replayExecutor, scheduler);
  }

  /** Loads the state file (or starts at {@code startBlock}) and starts polling. */
  public void start() throws IOException {
    load();
    running = true;
    LOG.info(
        "verifier {} following registry {} from block {} with {} confirmations",
        chain.self(),
        chain.registry(),
        state.cursor() + 1,
        settings.confirmations());
    scheduler.execute(this::loop);
  }

  /** Loads the state without starting the loop (tests drive {@link #poll()} themselves). */
  public void load() throws IOException {
    state = stateFile.readOr(DaemonState.initial(settings.startBlock()));
    state.tasks().values().stream().filter(t -> t.own() != null).forEach(t -> book.put(t.own()));
  }

  /** True while polls succeed: the last one ended less than three backoff periods ago. */
  public boolean healthy() {
    Instant last = lastPoll;
    Duration limit = settings.maxBackoff().plus(settings.pollInterval()).multipliedBy(3);
    return last != null && Duration.between(last, clock.instant()).compareTo(limit) < 0;
  }

  public DaemonState state() {
    return state;
  }

  private void loop() {
    if (!running) {
      return;
    }
    Duration next;
    try {
      poll();
      failures = 0;
      next = settings.pollInterval();
    } catch (IOException | RuntimeException e) {
      if (!running) {
        LOG.debug("poll interrupted by shutdown: {}", e.toString());
        return;
      }
      failures++;
      metrics.pollFailed();
      next = settings.backoff(failures);
      LOG.warn(
          "poll failed ({} in a row), next try in {} ms: {}",
          failures,
          next.toMillis(),
          e.toString());
    }
    if (running) {
      scheduler.schedule(this::loop, next.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** One poll: apply the newly confirmed events, then move every tracked task on. */
  public void poll() throws IOException {
    long head = chain.blockNumber();
    state = follower.follow(state, head, stateFile::write);
    metrics.lag(head - state.cursor());
    long now = chain.latestTimestamp();
    for (TrackedTask task : List.copyOf(state.tasks().values())) {
      try {
        advance(task, head, now);
      } catch (RuntimeException e) {
        // One task's bug must not stall the others; a node failure (IOException) ends the poll.
        LOG.error("task {}: cannot move on, will try again next poll", task.taskId(), e);
      }
    }
    lastPoll = clock.instant();
  }

  private void advance(TrackedTask task, long head, long now) throws IOException {
    BigInteger id = task.taskId();
    if (verifications.gaveUp(id)) {
      return;
    }
    TaskSnapshot snap = chain.task(id);
    if (!task.sameCommitment(snap.trainer(), snap.root())
        && snap.status().compareTo(TaskStatus.COMMITTED) >= 0) {
      return; // re-committed after a reopen: the new TaskCommitted is not confirmed yet
    }
    switch (snap.status()) {
      case NONE, OPEN, CLAIMED -> drop(id, "reopened (status " + snap.status().label() + ")");
      case COMMITTED -> {
        if (!snap.seedDrawn()) {
          actions.drawSeed(snap, head);
        } else if (task.seed() != null && ownOrVerify(task, snap)) {
          if (now > snap.deadline()) {
            agreement.sayOnce(
                LOG, id + "/late", "task {}: verification deadline {} passed", id, snap.deadline());
          } else {
            actions.submitBatch(task);
          }
        }
      }
      case ATTESTED -> {
        if (task.seed() != null && ownOrVerify(task, snap) && task.attested() != null) {
          if (disagrees(task) && now < snap.deadline()) {
            if (ownConfirmed(task, snap)) {
              actions.dispute(task);
            }
          } else if (now >= snap.deadline()) {
            actions.finalizeTask(task);
          }
        }
      }
      case DISPUTED -> {
        if (task.seed() != null
            && ownOrVerify(task, snap)
            && task.attested() != null
            && ownConfirmed(task, snap)) {
          actions.resolve(task);
        }
      }
      case RESOLVED -> {
        if (now >= snap.deadline()) {
          actions.finalizeTask(task);
        }
      }
      case FINALIZED, REJECTED, STALE -> {
        if (actions.claim(task, snap)) {
          drop(id, "settled (" + snap.status().label() + ")");
        }
      }
    }
  }

  /** True when our verdict exists; otherwise starts (or keeps waiting for) the verification. */
  private boolean ownOrVerify(TrackedTask task, TaskSnapshot snap) throws IOException {
    if (task.own() != null) {
      return true;
    }
    BigInteger id = task.taskId();
    if (verifications.canStart(id)) {
      verifications.start(
          task,
          models.spec(task.modelId()),
          snap.parent(),
          models.rules(task.modelId()),
          chain.sampledSegments(id),
          taskId -> state.tasks().get(taskId),
          this::signed);
    }
    return false;
  }

  /**
   * Whether our verdict and the accepted one fall on different sides of VALID. FRAUD and
   * UNAVAILABLE both reject the work; the registry upholds one against the other.
   */
  private static boolean disagrees(TrackedTask task) {
    return task.own().verdict().rejects() != task.attested().verdict().rejects();
  }

  /** True when our verdict may be used in a dispute; an UNAVAILABLE one is rechecked first. */
  private boolean ownConfirmed(TrackedTask task, TaskSnapshot snap) throws IOException {
    if (task.own().verdict() != Verdict.UNAVAILABLE) {
      return true;
    }
    BigInteger id = task.taskId();
    return verifications.recheck(
        task,
        models.spec(task.modelId()),
        snap.parent(),
        models.rules(task.modelId()),
        chain.sampledSegments(id),
        taskId -> state.tasks().get(taskId),
        this::signed);
  }

  private void signed(OwnVerdict own) {
    book.put(own);
    state = state.withTask(state.tasks().get(own.taskId()).withOwn(own));
    try {
      stateFile.write(state);
    } catch (IOException e) {
      LOG.warn("state file {}: write failed, will write again: {}", stateFile.path(), e.toString());
    }
  }

  private void drop(BigInteger id, String why) throws IOException {
    LOG.info("task {}: {}; no longer tracked", id, why);
    forget(id);
    state = state.without(id);
    stateFile.write(state);
  }

  private void forget(BigInteger id) {
    book.remove(id);
    verifications.forget(id);
    agreement.forget(id);
  }

  @Override
  public void close() {
    running = false;
  }
}
