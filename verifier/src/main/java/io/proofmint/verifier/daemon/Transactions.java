package io.proofmint.verifier.daemon;

import java.io.IOException;
import java.math.BigInteger;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the daemon's transactions idempotently: when one fails, the task is read again, and if it
 * is already where the transaction would have taken it (someone else sent the same), that is
 * success; otherwise the next poll tries again. Never throws.
 */
final class Transactions {

  private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

  @FunctionalInterface
  interface Tx {
    void send() throws IOException;
  }

  private final RegistryClient chain;
  private final VerifierMetrics metrics;

  Transactions(RegistryClient chain, VerifierMetrics metrics) {
    this.chain = chain;
    this.metrics = metrics;
  }

  /**
   * @param done holds for the task once the transaction's effect is there
   * @param doneBy what it means when someone else did it, for the log
   */
  void send(BigInteger id, String kind, Tx tx, Predicate<TaskSnapshot> done, String doneBy) {
    try {
      tx.send();
      metrics.transactionSent(kind);
      LOG.info("task {}: {} sent", id, kind);
    } catch (IOException e) {
      try {
        if (done.test(chain.task(id))) {
          LOG.info("task {}: {} not needed: {}", id, kind, doneBy);
          return;
        }
      } catch (IOException reread) {
        e.addSuppressed(reread);
      }
      LOG.warn("task {}: {} failed, will retry: {}", id, kind, e.getMessage());
    }
  }
}
