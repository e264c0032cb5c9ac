package io.proofmint.wrappers.tx;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Sends a transaction so that a crash or a lost node at any point leaves a record of it: simulate,
 * sign, {@linkplain TxJournal#record journal}, broadcast, wait for the receipt, {@linkplain
 * TxJournal#settle settle}. After a restart, {@link #resume} settles each {@linkplain
 * TxJournal#unresolved unresolved} transaction against the node before the caller decides anything
 * for the same subject again. Nonces come from the node ({@link TxNode#sign}) when signing, never
 * from the journal; a resent transaction keeps its own.
 *
 * <p>The {@link Policy} says what a journaled transaction is to its caller: the one transaction
 * that must land (the trainer's commit), or a record of what may have been sent, whose subject is
 * decided again from the chain once it is known to be dropped (the settlement keeper).
 *
 * @param <M> what is journaled with each transaction
 * @param <X> the journal's own failure, passed through
 */
public final class JournaledSender<M, X extends Exception> {

  private static final Logger LOG = LoggerFactory.getLogger(JournaledSender.class);

  /** What the sender does with a journaled transaction whose fate is not known yet. */
  public enum Policy {
    /**
     * The journaled transaction itself is to land. A refusal of a transaction the node has is no
     * refusal (a repeated request answered "already known" or "nonce too low"); on resume, one the
     * node holds is waited for and one it does not know is sent again, byte for byte.
     */
    LAND_JOURNALED,
    /**
     * The journal records what may have been sent. A refusal drops the transaction; on resume, a
     * mined one is settled, one the node holds stays unresolved (resume does not wait), and one it
     * does not know is dropped, for the caller to decide its subject again from the chain.
     */
    REDECIDE
  }

  static final String REFUSED = "refused by the node: ";
  static final String UNKNOWN = "unknown to the node at reconciliation";

  private final TxNode node;
  private final TxJournal<M, X> journal;
  private final ReceiptWait receipts;
  private final Policy policy;
  private final BroadcastHooks<M> hooks;
  private final NodeCalls<M> calls;

  public JournaledSender(
      TxNode node,
      TxJournal<M, X> journal,
      ReceiptWait receipts,
      Policy policy,
      BroadcastHooks<M> hooks,
      NodeCalls<M> calls) {
    this.node = node;
    this.journal = journal;
    this.receipts = receipts;
    this.policy = policy;
    this.hooks = hooks;
    this.calls = calls;
  }

  /** The sending account. */
  public String sender() {
    return node.address();
  }

  /**
   * Sends a call to {@code to} if its simulation succeeds, and waits for it to be mined.
   *
   * @param subject what to journal with the signed transaction
   * @throws IOException if the node became unreachable after the transaction was journaled (it
   *     stays unresolved, for {@link #resume}) or before (nothing was sent)
   */
  public SendOutcome<M> send(String to, String data, Function<TxSubmitter.Signed, M> subject)
      throws IOException, X {
    TxSubmitter.Estimate estimate =
        calls.beforeSending("estimating its gas", () -> node.estimate(to, data));
    if (estimate instanceof TxSubmitter.Estimate.Reverts r) {
      return new SendOutcome.NotNeeded<>(r.reason());
    }
    TxSubmitter.Signed signed =
        calls.beforeSending(
            "reading its nonce and fees",
            () -> node.sign(to, data, ((TxSubmitter.Estimate.Gas) estimate).gas()));
    JournaledTx<M> tx = JournaledTx.of(signed, subject.apply(signed));
    journal.record(tx);
    hooks.beforeBroadcast(tx);
    Optional<String> refused = deliver(tx, "sending");
    if (refused.isPresent()) {
      journal.settle(tx, TxFate.DROPPED, null, REFUSED + refused.get());
      return new SendOutcome.Refused<>(tx, refused.get());
    }
    hooks.afterBroadcast(tx);
    TransactionReceipt receipt = receipts.await(tx);
    journal.settle(tx, fate(receipt), receipt, null);
    return new SendOutcome.Mined<>(tx, receipt);
  }

  /**
   * Settles {@code tx}, journaled by an earlier run or an interrupted {@link #send}, against the
   * node (see {@link Policy} for what each policy does).
   *
   * @throws IOException if the node became unreachable; {@code tx} stays unresolved
   */
  public ResumeOutcome<M> resume(JournaledTx<M> tx) throws IOException, X {
    Optional<TransactionReceipt> receipt =
        calls.afterSending(tx, "reading the receipt of", () -> node.receipt(tx.hash()));
    if (receipt.isEmpty()) {
      boolean known = calls.afterSending(tx, "asking the node for", () -> node.known(tx.hash()));
      if (policy == Policy.REDECIDE) {
        if (known) {
          return new ResumeOutcome.Pending<>(tx);
        }
        journal.settle(tx, TxFate.DROPPED, null, UNKNOWN);
        return new ResumeOutcome.Dropped<>(tx, UNKNOWN);
      }
      if (known) {
        LOG.info(
            "{}: transaction {} of an earlier run is pending; waiting for it",
            tx.subject(),
            tx.hash());
      } else {
        Optional<String> refused = deliver(tx, "sending again");
        if (refused.isPresent()) {
          journal.settle(tx, TxFate.DROPPED, null, REFUSED + refused.get());
          return new ResumeOutcome.Dropped<>(tx, refused.get());
        }
        LOG.info(
            "{}: sent transaction {} of an earlier run again (the node lost it)",
            tx.subject(),
            tx.hash());
      }
      receipt = Optional.of(receipts.await(tx));
    }
    journal.settle(tx, fate(receipt.get()), receipt.get(), null);
    return new ResumeOutcome.Mined<>(tx, receipt.get());
  }

  /**
   * Hands {@code tx} to the node.
   *
   * @return the node's reason if it refused the transaction (and, under LAND_JOURNALED, does not
   *     have it: the HTTP client may have sent the request again on a new connection after the
   *     first one broke, and the node then answers the repeat with "already known" or, once the
   *     first is mined, "nonce too low")
   */
  private Optional<String> deliver(JournaledTx<M> tx, String doing) throws IOException {
    Optional<String> refused = calls.afterSending(tx, doing, () -> node.broadcast(tx.signed()));
    if (refused.isPresent()
        && policy == Policy.LAND_JOURNALED
        && calls.afterSending(tx, "asking the node for", () -> node.known(tx.hash()))) {
      LOG.info(
          "{}: the node answered '{}' to transaction {} but has it",
          tx.subject(),
          refused.get(),
          tx.hash());
      return Optional.empty();
    }
    return refused;
  }

  private static TxFate fate(TransactionReceipt receipt) {
    return receipt.isStatusOK() ? TxFate.MINED : TxFate.REVERTED;
  }
}
