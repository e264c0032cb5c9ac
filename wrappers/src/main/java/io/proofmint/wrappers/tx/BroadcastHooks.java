package io.proofmint.wrappers.tx;

/**
 * Points around a broadcast where callers log, or tests inject a crash (between journaling and
 * sending, or between sending and the receipt). {@link #none()} does nothing.
 */
public interface BroadcastHooks<M> {

  /** After {@code tx} was recorded in the journal, before it is broadcast. */
  default void beforeBroadcast(JournaledTx<M> tx) {}

  /** After the node accepted {@code tx}, before its receipt is awaited. */
  default void afterBroadcast(JournaledTx<M> tx) {}

  static <M> BroadcastHooks<M> none() {
    return new BroadcastHooks<>() {};
  }
}
