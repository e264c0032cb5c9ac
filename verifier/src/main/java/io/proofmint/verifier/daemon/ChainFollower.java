package io.proofmint.verifier.daemon;

import io.proofmint.protocol.crypto.Hash32;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the daemon's state forward over newly confirmed blocks: checks that the last applied block
 * is still on the node's chain (else rewinds past the confirmation depth and says so), then applies
 * the registry events of blocks up to {@code head - confirmations}, range by range, persisting
 * after each range. Applying an event twice changes nothing, so a rewind is safe.
 */
final class ChainFollower {

  private static final Logger LOG = LoggerFactory.getLogger(ChainFollower.class);

  /** Persists the state after each applied range. */
  @FunctionalInterface
  interface Sink {
    void save(DaemonState state) throws IOException;
  }

  private final RegistryClient chain;
  private final DaemonSettings settings;
  private final TaskVerifier verifier;
  private final ModelCatalog models;
  private final Consumer<BigInteger> recommitted;

  /**
   * @param recommitted told when a task is (re)committed, so per-task memory can be dropped
   */
  ChainFollower(
      RegistryClient chain,
      DaemonSettings settings,
      TaskVerifier verifier,
      ModelCatalog models,
      Consumer<BigInteger> recommitted) {
    this.chain = chain;
    this.settings = settings;
    this.verifier = verifier;
    this.models = models;
    this.recommitted = recommitted;
  }

  DaemonState follow(DaemonState state, long head, Sink sink) throws IOException {
    state = checkReorg(state, sink);
    long confirmed = head - settings.confirmations();
    while (state.cursor() < confirmed) {
      long from = state.cursor() + 1;
      long to = Math.min(confirmed, from + settings.maxLogRange() - 1);
      for (RegistryEvent event : chain.events(from, to)) {
        state = apply(state, event);
      }
      Hash32 hash =
          chain.blockHash(to).orElseThrow(() -> new IOException("block " + to + ": not found"));
      state = state.withCursor(to, hash);
      sink.save(state);
    }
    return state;
  }

  private DaemonState checkReorg(DaemonState state, Sink sink) throws IOException {
    if (state.cursorHash() == null) {
      return state;
    }
    Optional<Hash32> now = chain.blockHash(state.cursor());
    if (now.isPresent() && now.get().equals(state.cursorHash())) {
      return state;
    }
    long back = Math.max(settings.startBlock() - 1, state.cursor() - settings.confirmations() - 1);
    LOG.error(
        "block {} is no longer {} (node: {}): a reorganisation deeper than {} confirmations;"
            + " re-reading from block {}",
        state.cursor(),
        state.cursorHash(),
        now.map(Hash32::toString).orElse("none"),
        settings.confirmations(),
        back + 1);
    DaemonState rewound = state.withCursor(back, null);
    sink.save(rewound);
    return rewound;
  }

  private DaemonState apply(DaemonState state, RegistryEvent event) throws IOException {
    BigInteger id = event.taskId();
    TrackedTask task = state.tasks().get(id);
    if (!(event instanceof RegistryEvent.TaskCommitted) && task == null) {
      return state; // a task of another model, or one already settled
    }
    return switch (event) {
      case RegistryEvent.TaskCommitted e -> committed(state, task, e);
      case RegistryEvent.SeedDrawn e -> state.withTask(task.withSeed(e.seed()));
      case RegistryEvent.SeedReanchored e -> {
        LOG.info("task {}: seed block re-anchored to {}", id, e.newSeedBlock());
        yield state.withTask(task.withSeedBlock(e.newSeedBlock()));
      }
      case RegistryEvent.AttestationsSubmitted e -> {
        LOG.info("task {}: batch accepted: {} by {}", id, e.verdict(), e.signers());
        yield state.withTask(
            task.withAttested(new Ruling(e.verdict(), e.failingSegment(), e.signers())));
      }
      case RegistryEvent.TaskDisputed e -> {
        LOG.info("task {}: disputed by {}", id, e.disputer());
        yield state.withTask(task.withDisputed());
      }
      case RegistryEvent.DisputeResolved e -> {
        if (task.attested() == null) {
          yield state;
        }
        LOG.info(
            "task {}: dispute resolved, {} ({})",
            id,
            e.overturned() ? "overturned" : "upheld",
            e.verdict());
        Ruling standing =
            e.overturned()
                ? new Ruling(e.verdict(), e.failingSegment(), e.committee())
                : task.attested();
        yield state.withTask(task.withResolved(standing));
      }
    };
  }

  private DaemonState committed(DaemonState state, TrackedTask known, RegistryEvent.TaskCommitted e)
      throws IOException {
    if (known != null && known.sameCommitment(e.trainer(), e.root())) {
      return state; // the same event again (after a rewind)
    }
    Hash32 spec = models.spec(e.modelId());
    if (!verifier.serves(spec)) {
      LOG.info(
          "task {}: model {} (spec {}) is not served here; skipping",
          e.taskId(),
          e.modelId(),
          spec);
      return state;
    }
    LOG.info(
        "task {}: committed by {} ({} segments, root {}, locator {}); tracking",
        e.taskId(),
        e.trainer(),
        e.segments(),
        e.root(),
        e.locator());
    recommitted.accept(e.taskId());
    return state.withTask(TrackedTask.committed(e));
  }
}
