package io.proofmint.settlement.keeper;

import io.proofmint.settlement.db.Database;
import io.proofmint.wrappers.TxSubmitter;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Sends planned transactions under the journal's protection: simulate, sign, record the intent
 * (committed), broadcast, await the receipt, record the outcome. A crash anywhere leaves at worst a
 * PREPARED intent, which {@link Reconciler} resolves against the chain before anything is sent for
 * its subjects again.
 */
public final class Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final TxSubmitter submitter;
  private final Database db;
  private final IntentJournal journal;
  private final SendHooks hooks;
  private final Clock clock;
  private final KeeperMetrics metrics;

  public Dispatcher(
      TxSubmitter submitter,
      Database db,
      IntentJournal journal,
      SendHooks hooks,
      Clock clock,
      KeeperMetrics metrics) {
    this.submitter = submitter;
    this.db = db;
    this.journal = journal;
    this.hooks = hooks;
    this.clock = clock;
    this.metrics = metrics;
  }

  public String sender() {
    return submitter.address();
  }

  /**
   * Sends {@code plan} if its simulation succeeds and waits for it to be mined.
   *
   * @throws IOException if the node became unreachable; the intent stays PREPARED until reconciled
   */
  public Dispatch send(PlannedTx plan) throws IOException, SQLException {
    TxSubmitter.Estimate estimate = submitter.estimate(plan.to(), plan.data());
    if (estimate instanceof TxSubmitter.Estimate.Reverts r) {
      metrics.notNeeded(plan.kind());
      LOG.info(
          "not sending {} ({}): simulation reverts: {}", plan.kind(), plan.detail(), r.reason());
      return new Dispatch(Dispatch.Result.NOT_NEEDED, null, r.reason());
    }
    TxSubmitter.Signed signed =
        submitter.sign(plan.to(), plan.data(), ((TxSubmitter.Estimate.Gas) estimate).gas());
    Intent intent =
        new Intent(
            signed.hash(),
            plan.kind(),
            submitter.address(),
            signed.nonce(),
            IntentState.PREPARED,
            clock.millis(),
            plan.subjects(),
            plan.detail());
    db.transaction(
        c -> {
          journal.record(c, intent);
          return null;
        });
    hooks.beforeBroadcast(intent);
    Optional<String> refused = submitter.broadcast(signed);
    if (refused.isPresent()) {
      settle(intent, IntentState.DROPPED, null, "refused by the node: " + refused.get());
      metrics.refused(plan.kind());
      LOG.warn(
          "node refused {} {} ({}): {}", plan.kind(), signed.hash(), plan.detail(), refused.get());
      return new Dispatch(Dispatch.Result.REFUSED, null, refused.get());
    }
    hooks.afterBroadcast(intent);
    TransactionReceipt receipt = submitter.await(signed.hash());
    boolean ok = receipt.isStatusOK();
    settle(
        intent,
        ok ? IntentState.MINED : IntentState.FAILED,
        receipt.getGasUsed().longValueExact(),
        null);
    if (ok) {
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
    LOG.warn("{} {} reverted on chain: {}", plan.kind(), signed.hash(), plan.detail());
    return new Dispatch(
        Dispatch.Result.FAILED, receipt, "reverted in block " + receipt.getBlockNumber());
  }

  private void settle(Intent intent, IntentState state, Long gasUsed, String why)
      throws SQLException {
    db.transaction(
        c -> {
          journal.settle(c, intent.txHash(), state, gasUsed, clock.millis(), why);
          return null;
        });
  }
}
