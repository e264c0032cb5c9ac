package io.proofmint.verifier.daemon;

import io.proofmint.protocol.crypto.Hash32;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * What survives a restart: the last confirmed block whose events were applied (and its hash, to
 * notice a reorganisation deeper than the confirmation depth), and the open tasks.
 *
 * @param cursor the last block whose events were applied; {@code startBlock - 1} initially
 * @param cursorHash the hash of block {@code cursor} when it was applied; null before any block
 */
public record DaemonState(long cursor, Hash32 cursorHash, Map<BigInteger, TrackedTask> tasks) {

  public DaemonState {
    tasks = new TreeMap<>(tasks);
  }

  public static DaemonState initial(long startBlock) {
    return new DaemonState(startBlock - 1, null, Map.of());
  }

  public DaemonState withCursor(long block, Hash32 hash) {
    return new DaemonState(block, hash, tasks);
  }

  public DaemonState withTask(TrackedTask task) {
    TreeMap<BigInteger, TrackedTask> next = new TreeMap<>(tasks);
    next.put(task.taskId(), task);
    return new DaemonState(cursor, cursorHash, next);
  }

  public DaemonState without(BigInteger taskId) {
    TreeMap<BigInteger, TrackedTask> next = new TreeMap<>(tasks);
    next.remove(taskId);
    return new DaemonState(cursor, cursorHash, next);
  }

  @Override
  public Map<BigInteger, TrackedTask> tasks() {
    return java.util.Collections.unmodifiableMap(tasks);
  }
}
