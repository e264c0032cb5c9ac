package io.proofmint.wrappers.tx;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** A journal in memory that remembers every fate and reason, as the keeper's SQL journal does. */
final class MemoryJournal implements TxJournal<String, RuntimeException> {

  record Entry(JournaledTx<String> tx, TxFate fate, String why) {}

  final Map<String, Entry> entries = new LinkedHashMap<>();
  private final boolean keepsRaw;

  MemoryJournal(boolean keepsRaw) {
    this.keepsRaw = keepsRaw;
  }

  @Override
  public void record(JournaledTx<String> tx) {
    JournaledTx<String> kept =
        keepsRaw ? tx : new JournaledTx<>(tx.hash(), tx.nonce(), null, tx.subject());
    entries.put(tx.hash(), new Entry(kept, null, null));
  }

  @Override
  public void settle(JournaledTx<String> tx, TxFate fate, TransactionReceipt receipt, String why) {
    Entry e = entries.get(tx.hash());
    if (e == null || e.fate() != null) {
      throw new IllegalStateException("settle of " + tx.hash() + ": not unresolved");
    }
    entries.put(tx.hash(), new Entry(e.tx(), fate, why));
  }

  @Override
  public List<JournaledTx<String>> unresolved() {
    return entries.values().stream().filter(e -> e.fate() == null).map(Entry::tx).toList();
  }

  Entry entry(String hash) {
    return entries.get(hash);
  }
}
