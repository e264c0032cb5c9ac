package io.proofmint.settlement.index;

import io.proofmint.settlement.db.Database;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Follows the chain into the database, {@code confirmations} blocks behind the head. Each step
 * reads one range of blocks and commits its rows together with the cursor (last block number and
 * hash), so a crash loses at most an uncommitted step and a restart continues at the cursor.
 *
 * <p>Reorgs: before each step the cursor's hash is compared with the chain's block at that height.
 * When they differ, the newest remembered block the chain still holds is the fork point; every row
 * above it is deleted and the cursor moves back to it in one transaction, and later steps index the
 * new branch. Re-indexing a range deletes the range's rows first, so it is idempotent.
 */
public final class ChainIndexer {

  private static final Logger LOG = LoggerFactory.getLogger(ChainIndexer.class);

  private final ChainSource source;
  private final Database db;
  private final IndexStore store;
  private final IndexTarget target;
  private final IndexerConfig config;
  private final IndexerMetrics metrics;

  public ChainIndexer(
      ChainSource source,
      Database db,
      IndexTarget target,
      IndexerConfig config,
      IndexerMetrics metrics)
      throws SQLException {
    this.source = source;
    this.db = db;
    this.store = new IndexStore();
    this.target = target;
    this.config = config;
    this.metrics = metrics;
    db.transaction(
        c -> {
          store.claim(c, target);
          return null;
        });
  }

  public IndexTarget target() {
    return target;
  }

  public IndexerConfig config() {
    return config;
  }

  /** Reads and stores one range of blocks, or rolls back a reorg. */
  public IndexOutcome step() throws IOException, SQLException {
    long head = source.headNumber();
    Optional<BlockRef> cursor = db.transaction(store::cursor);
    if (cursor.isPresent()) {
      BlockRef at = cursor.get();
      Optional<BlockRef> live = at.number() <= head ? source.block(at.number()) : Optional.empty();
      if (live.isEmpty() || !live.get().hash().equals(at.hash())) {
        return rollBack(at, head);
      }
    }
    long from = cursor.map(b -> b.number() + 1).orElse(target.startBlock());
    long safe = head - config.confirmations();
    if (safe < from) {
      long at = from - 1;
      metrics.seen(at, head);
      return IndexOutcome.upToDate(at, head);
    }
    long to = Math.min(safe, from + config.maxBlocksPerStep() - 1);
    long headersFrom = Math.max(from, to - config.keepBlocks() + 1);
    List<BlockRef> recent = source.blocks(headersFrom, to);
    if (recent.size() != to - headersFrom + 1) {
      return retry(head, "the chain ended below block " + to + " while it was read");
    }
    Map<Long, BlockRef> known = new HashMap<>();
    recent.forEach(b -> known.put(b.number(), b));
    BlockRef first = known.containsKey(from) ? known.get(from) : source.block(from).orElse(null);
    if (first == null) {
      return retry(head, "block " + from + " disappeared while it was read");
    }
    known.put(from, first);
    if (cursor.isPresent() && !first.parentHash().equals(cursor.get().hash())) {
      return retry(head, "block " + from + " no longer follows the cursor (a reorg began)");
    }

    List<Log> logs = new ArrayList<>(source.logs(from, to, target.coreAddresses(), coreTopics()));
    Set<String> tokens = new LinkedHashSet<>(db.transaction(store::modelTokens));
    for (Log log : logs) {
      EventDecoder.registeredToken(log).ifPresent(tokens::add);
    }
    if (!tokens.isEmpty()) {
      logs.addAll(source.logs(from, to, tokens, EventDecoder.TOKEN_TOPICS));
    }
    Set<Long> timesNeeded = new TreeSet<>();
    for (Log log : logs) {
      if (log.isRemoved()) {
        return retry(head, "node reported a removed log in block " + log.getBlockNumber());
      }
      long number = log.getBlockNumber().longValueExact();
      BlockRef header = known.get(number);
      if (header != null && !header.hash().equalsIgnoreCase(log.getBlockHash())) {
        return retry(head, "logs of block " + number + " come from another branch");
      }
      if (header == null && EventDecoder.needsBlockTime(log)) {
        timesNeeded.add(number);
      }
    }
    for (long number : timesNeeded) {
      BlockRef header = source.block(number).orElse(null);
      if (header == null) {
        return retry(head, "block " + number + " disappeared while it was read");
      }
      known.put(number, header);
    }
    List<IndexedEvent> events = new ArrayList<>(logs.size());
    for (Log log : logs) {
      BlockRef header = known.get(log.getBlockNumber().longValueExact());
      if (header != null && !header.hash().equalsIgnoreCase(log.getBlockHash())) {
        return retry(head, "logs of block " + header.number() + " come from another branch");
      }
      EventDecoder.decode(log, header == null ? -1 : header.timestamp()).ifPresent(events::add);
    }
    events.sort((a, b) -> a.at().compareTo(b.at()));
    BlockRef newCursor = recent.get(recent.size() - 1);
    int rows =
        db.transaction(
            c -> store.apply(c, from, to, events, recent, newCursor, config.keepBlocks()));
    metrics.advanced(to - from + 1, rows, to, head);
    LOG.debug("indexed blocks {}..{}: {} events (head {})", from, to, rows, head);
    return IndexOutcome.advanced(from, to, rows, head);
  }

  /**
   * Steps until the indexer has caught up with the safe head, or {@code maxSteps} were taken.
   *
   * @return the last outcome
   */
  public IndexOutcome catchUp(int maxSteps) throws IOException, SQLException {
    IndexOutcome last = null;
    for (int i = 0; i < maxSteps; i++) {
      last = step();
      if (!last.moreToDo()) {
        break;
      }
    }
    return last;
  }

  /**
   * Moves the cursor back to {@code block} (an operator re-index); rows stay until their range is
   * indexed again, which replaces them.
   */
  public void rewindTo(long block) throws IOException, SQLException {
    BlockRef ref =
        source
            .block(block)
            .orElseThrow(() -> new IllegalArgumentException("no block " + block + " on the chain"));
    db.transaction(
        c -> {
          store.rewind(c, ref);
          return null;
        });
  }

  /** Drops the whole index; the next steps index again from the start block. */
  public void reset() throws SQLException {
    db.transaction(
        c -> {
          store.reset(c);
          return null;
        });
    LOG.warn("index reset: indexing again from block {}", target.startBlock());
  }

  private IndexOutcome rollBack(BlockRef stale, long head) throws IOException, SQLException {
    List<BlockRef> remembered = db.transaction(store::recentBlocks);
    BlockRef fork = null;
    if (!remembered.isEmpty()) {
      long low = remembered.get(remembered.size() - 1).number();
      long high = Math.min(remembered.get(0).number(), head);
      Map<Long, String> live = new HashMap<>();
      if (low <= high) {
        source.blocks(low, high).forEach(b -> live.put(b.number(), b.hash()));
      }
      for (BlockRef b : remembered) {
        if (b.hash().equals(live.get(b.number()))) {
          fork = b;
          break;
        }
      }
    }
    if (fork == null) {
      throw new ReorgTooDeepException(
          "the chain replaced every remembered block (the cursor was block "
              + stale.number()
              + " "
              + stale.hash()
              + ", "
              + remembered.size()
              + " blocks remembered): re-index (proofmint settlement run --reindex)");
    }
    BlockRef forkBlock = fork;
    int deleted = db.transaction(c -> store.rollbackAbove(c, forkBlock));
    metrics.rolledBack(deleted, fork.number());
    LOG.warn(
        "reorg: indexed block {} ({}) is no longer on the chain; rolled back to block {} and"
            + " deleted {} rows above it",
        stale.number(),
        stale.hash(),
        fork.number(),
        deleted);
    return IndexOutcome.rolledBack(fork.number(), stale.number(), deleted, head);
  }

  private IndexOutcome retry(long head, String why) {
    metrics.retried();
    LOG.info("index step retried: {}", why);
    return IndexOutcome.retry(head, why);
  }

  private static List<String> coreTopics() {
    return EventDecoder.CORE_TOPICS;
  }
}
