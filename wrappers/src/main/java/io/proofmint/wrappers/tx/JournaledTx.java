package io.proofmint.wrappers.tx;

import java.util.Objects;

/**
 * A signed transaction as a {@link TxJournal} holds it, with what it is for.
 *
 * @param hash the transaction hash, known before it is sent
 * @param nonce its nonce
 * @param raw the signed bytes as 0x-hex, or null when the journal does not keep them (it can then
 *     not be sent again: {@link JournaledSender.Policy#REDECIDE} never does)
 * @param subject what the caller journals with it (a task and root, a keeper's intent)
 */
public record JournaledTx<M>(String hash, long nonce, String raw, M subject) {

  public JournaledTx {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(subject, "subject");
  }

  public static <M> JournaledTx<M> of(TxSubmitter.Signed signed, M subject) {
    return new JournaledTx<>(signed.hash(), signed.nonce(), signed.raw(), subject);
  }

  /** The transaction as it can be broadcast again. */
  public TxSubmitter.Signed signed() {
    if (raw == null) {
      throw new IllegalStateException(
          "transaction "
              + hash
              + ": its journal keeps no signed bytes, so it cannot be sent again");
    }
    return new TxSubmitter.Signed(hash, nonce, raw);
  }
}
