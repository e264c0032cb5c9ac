package io.proofmint.settlement.keeper;

import io.proofmint.wrappers.tx.JournaledSender;
import io.proofmint.wrappers.tx.SendOutcome;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Sends planned transactions under the journal's protection, through the shared {@link
 * JournaledSender} ({@link JournaledSender.Policy#REDECIDE}): simulate, sign, record the intent
 * (committed), broadcast, await the receipt, record the outcome. A crash anywhere leaves at worst a
 * PREPARED intent, which {@link Reconciler} resolves against the chain before anything is sent for
 * its subjects again.
 */
public final class Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final JournaledSender<Intent, SQLException> sender;
  private final Clock clock;
  private final KeeperMetrics metrics;

  public Dispatcher(
      JournaledSender<Intent, SQLException> sender, Clock clock, KeeperMetrics metrics) {
    this.sender = sender;
    this.clock = clock;
    this.metrics = metrics;
  }

  public String sender() {
    return sender.sender();
  }

  /**
   * Sends {@code plan} if its simulation succeeds and waits for it to be mined.
   *
   * @throws IOException if the node became unreachable; the intent stays PREPARED until reconciled
   */
  public Dispatch send(PlannedTx plan) throws IOException, SQLException {
    SendOutcome<Intent> outcome =
        sender.send(
            plan.to(),
            plan.data(),
            signed ->
                new Intent(
                    signed.hash(),
                    plan.kind(),
                    sender.sender(),
                    signed.nonce(),
                    IntentState.PREPARED,
                    clock.millis(),
                    plan.subjects(),
                    plan.detail()));
    switch (outcome) {
      case SendOutcome.NotNeeded<Intent> r -> {
        metrics.notNeeded(plan.kind());
        LOG.info(
            "not sending {} ({}): simulation reverts: {}", plan.kind(), plan.detail(), r.reason());
        return new Dispatch(Dispatch.Result.NOT_NEEDED, null, r.reason());
      }
      case SendOutcome.Refused<Intent> r -> {
        metrics.refused(plan.kind());
        LOG.warn(
            "node refused {} {} ({}): {}", plan.kind(), r.tx().hash(), plan.detail(), r.reason());
        return new Dispatch(Dispatch.Result.REFUSED, null, r.reason());
      }
      case SendOutcome.Mined<Intent> m -> {
        TransactionReceipt receipt = m.receipt();
        if (m.succeeded()) {
          metrics.mined(plan.kind(), receipt.getGasUsed().longValueExact());
          LOG.info(
              "{} mined in block {} ({} gas): {}",
              plan.kind(),
              receipt.getBlockNumber(),
              receipt.getGasUsed(),
              plan.detail());
          return new Dispatch(Dispatch.Result.MINED, receipt, "");
        }
        metrics.failed(plan.kind());
        LOG.warn("{} {} reverted on chain: {}", plan.kind(), m.tx().hash(), plan.detail());
        return new Dispatch(
            Dispatch.Result.FAILED, receipt, "reverted in block " + receipt.getBlockNumber());
      }
    }
  }
}
