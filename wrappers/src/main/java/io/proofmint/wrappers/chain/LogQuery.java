package io.proofmint.wrappers.chain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * An {@code eth_getLogs} filter: a block range, the emitting contracts, and per topic position the
 * values any one of which matches (an empty position matches anything). Built from a range factory
 * and then {@link #at} and {@link #topic}; each step returns a new query.
 *
 * @param from first block, or empty for the earliest
 * @param to last block (inclusive), or empty for the latest
 */
public record LogQuery(
    OptionalLong from, OptionalLong to, List<String> addresses, List<List<String>> topics) {

  public LogQuery {
    addresses = List.copyOf(addresses);
    topics = topics.stream().map(List::copyOf).toList();
  }

  /** Blocks {@code from..to}, both inclusive. */
  public static LogQuery between(long from, long to) {
    return new LogQuery(OptionalLong.of(from), OptionalLong.of(to), List.of(), List.of());
  }

  /** Blocks from {@code from} to the latest. */
  public static LogQuery since(long from) {
    return new LogQuery(OptionalLong.of(from), OptionalLong.empty(), List.of(), List.of());
  }

  /** The whole chain, earliest to latest block. */
  public static LogQuery wholeChain() {
    return new LogQuery(OptionalLong.empty(), OptionalLong.empty(), List.of(), List.of());
  }

  /** Only logs emitted by one of {@code contracts}. */
  public LogQuery at(String... contracts) {
    return at(Arrays.asList(contracts));
  }

  /** Only logs emitted by one of {@code contracts}. */
  public LogQuery at(Collection<String> contracts) {
    List<String> all = new ArrayList<>(addresses);
    all.addAll(contracts);
    return new LogQuery(from, to, all, topics);
  }

  /** The next topic position must be one of {@code anyOf} (none: any value). */
  public LogQuery topic(String... anyOf) {
    return topic(Arrays.asList(anyOf));
  }

  /** The next topic position must be one of {@code anyOf} (empty: any value). */
  public LogQuery topic(Collection<String> anyOf) {
    List<List<String>> all = new ArrayList<>(topics);
    all.add(List.copyOf(anyOf));
    return new LogQuery(from, to, addresses, all);
  }

  /** The range, for messages: {@code 5..latest}. */
  public String range() {
    return (from.isPresent() ? Long.toString(from.getAsLong()) : "earliest")
        + ".."
        + (to.isPresent() ? Long.toString(to.getAsLong()) : "latest");
  }
}
