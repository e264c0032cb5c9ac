package io.proofmint.settlement.keeper;

import java.util.List;

/**
 * One transaction of the keeper as its journal records it, before it is broadcast.
 *
 * @param txHash hash of the signed transaction (known before it is sent)
 * @param sender the keeper's account
 * @param nonce the transaction's nonce
 * @param subjects what it acts on ("task:7", "channel:0xuser:0xtoken"): nothing else is sent for
 *     them while it is unresolved
 * @param detail a description for people
 */
public record Intent(
    String txHash,
    IntentKind kind,
    String sender,
    long nonce,
    IntentState state,
    long createdAtMillis,
    List<String> subjects,
    String detail) {

  public Intent {
    subjects = List.copyOf(subjects);
  }
}
