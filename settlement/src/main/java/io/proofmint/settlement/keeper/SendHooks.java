package io.proofmint.settlement.keeper;

/**
 * Points in the keeper's send path where tests inject faults (a crash between recording a
 * transaction and sending it, or between sending it and recording its outcome). Production uses
 * {@link #NONE}.
 */
public interface SendHooks {

  SendHooks NONE = new SendHooks() {};

  /** Called after {@code intent} was committed to the journal, before it is broadcast. */
  default void beforeBroadcast(Intent intent) {}

  /** Called after the node accepted {@code intent}'s transaction, before the receipt is awaited. */
  default void afterBroadcast(Intent intent) {}
}
