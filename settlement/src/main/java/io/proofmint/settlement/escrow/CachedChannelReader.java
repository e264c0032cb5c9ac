package io.proofmint.settlement.escrow;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers each channel's state for a short time, so a busy user's calls cost one chain read per
 * {@code ttl} instead of one each. A stale read can only be optimistic about a balance by what
 * changed within {@code ttl} (a withdrawal request, which unlocks at least an hour later).
 */
public final class CachedChannelReader implements ChannelReader {

  private record Entry(ChannelState state, Instant readAt) {}

  private final ChannelReader delegate;
  private final Clock clock;
  private final Duration ttl;
  private final ConcurrentHashMap<ChannelKey, Entry> cache = new ConcurrentHashMap<>();

  public CachedChannelReader(ChannelReader delegate, Clock clock, Duration ttl) {
    this.delegate = delegate;
    this.clock = clock;
    this.ttl = ttl;
  }

  @Override
  public ChannelState channel(ChannelKey key) throws IOException {
    Instant now = clock.instant();
    Entry entry = cache.get(key);
    if (entry != null && now.isBefore(entry.readAt().plus(ttl))) {
      return entry.state();
    }
    ChannelState state = delegate.channel(key);
    cache.put(key, new Entry(state, now));
    return state;
  }

  /** Forgets {@code key}, so the next call reads the chain. */
  public void invalidate(ChannelKey key) {
    cache.remove(key);
  }
}
