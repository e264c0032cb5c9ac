package io.proofmint.settlement.keeper;

import java.util.List;

/**
 * A transaction the keeper decided to send, not yet signed.
 *
 * @param to the contract called
 * @param data the ABI-encoded call
 * @param subjects what it acts on (see {@link Intent#subjects()})
 * @param detail a description for logs and the journal
 */
public record PlannedTx(
    IntentKind kind, String to, String data, List<String> subjects, String detail) {

  public PlannedTx {
    subjects = List.copyOf(subjects);
  }
}
