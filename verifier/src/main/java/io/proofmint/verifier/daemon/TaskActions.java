package io.proofmint.verifier.daemon;

import io.proofmint.wrappers.registry.TaskStatus;
import java.io.IOException;
import java.math.BigInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry transactions a verifier sends for a task, each once its peers agree it is this
 * verifier's to send ({@link Agreement}): drawing the seed, submitting the attestation batch,
 * disputing, resolving a dispute, finalizing and claiming the attester rewards. Each re-reads the
 * task right before sending ({@link Transactions}): a rival who sent it first is success.
 */
final class TaskActions {

  private static final Logger LOG = LoggerFactory.getLogger(TaskActions.class);

  private final RegistryClient chain;
  private final Transactions transactions;
  private final Agreement agreement;
  private final ModelCatalog models;
  private final DaemonSettings settings;

  TaskActions(
      RegistryClient chain,
      Transactions transactions,
      Agreement agreement,
      ModelCatalog models,
      DaemonSettings settings) {
    this.chain = chain;
    this.transactions = transactions;
    this.agreement = agreement;
    this.models = models;
    this.settings = settings;
  }

  void drawSeed(TaskSnapshot snap, long head) {
    BigInteger id = snap.taskId();
    if (head <= snap.seedBlock()) {
      agreement.sayOnce(
          LOG,
          id + "/seed",
          "task {}: seed not yet drawable (seed block {}, head {})",
          id,
          snap.seedBlock(),
          head);
      return;
    }
    transactions.send(
        id,
        "drawSeed",
        () -> chain.drawSeed(id),
        after -> after.seedDrawn() || after.seedBlock() != snap.seedBlock(),
        "seed already drawn");
  }

  void submitBatch(TrackedTask task) throws IOException {
    BigInteger id = task.taskId();
    OwnVerdict own = task.own();
    int quorum = models.rules(task.modelId()).quorum();
    agreement
        .decide(task, "batch", quorum)
        .ifPresent(
            go ->
                transactions.send(
                    id,
                    "submitAttestations",
                    () ->
                        chain.submitAttestations(
                            id,
                            own.verdict(),
                            own.failingSegment(),
                            go.batch(),
                            own.leaf(),
                            own.proof()),
                    after -> after.status() != TaskStatus.COMMITTED,
                    "already attested"));
  }

  void dispute(TrackedTask task) throws IOException {
    BigInteger id = task.taskId();
    if (!settings.disputes()) {
      agreement.sayOnce(
          LOG,
          id + "/no-dispute",
          "task {}: the accepted {} disagrees with our {}, but disputes are off",
          id,
          task.attested().verdict(),
          task.own().verdict());
      return;
    }
    BigInteger bond = models.rules(task.modelId()).disputeBond();
    if (agreement.decide(task, "dispute", 1).isEmpty()) {
      return;
    }
    LOG.warn(
        "task {}: the accepted verdict {} (by {}) disagrees with ours, {} ({}); disputing",
        id,
        task.attested().verdict(),
        task.attested().signers(),
        task.own().verdict(),
        task.own().reason());
    transactions.send(
        id,
        "dispute",
        () -> chain.dispute(id, bond),
        after -> after.status() != TaskStatus.ATTESTED,
        "already disputed");
  }

  void resolve(TrackedTask task) throws IOException {
    BigInteger id = task.taskId();
    OwnVerdict own = task.own();
    int committee = models.rules(task.modelId()).disputeQuorum();
    agreement
        .decide(task, "committee", committee)
        .ifPresent(
            go ->
                transactions.send(
                    id,
                    "resolveDispute",
                    () ->
                        chain.resolveDispute(
                            id,
                            own.verdict(),
                            own.failingSegment(),
                            go.batch(),
                            own.leaf(),
                            own.proof(),
                            task.attested().signers()),
                    after -> after.status() != TaskStatus.DISPUTED,
                    "already resolved"));
  }

  void finalizeTask(TrackedTask task) {
    BigInteger id = task.taskId();
    if (settings.keeper() && agreement.myTurn(task, "finalize")) {
      transactions.send(
          id,
          "finalize",
          () -> chain.finalizeTask(id),
          after -> after.status().compareTo(TaskStatus.FINALIZED) >= 0,
          "already finalized");
    }
  }

  /**
   * Claims the attester rewards of a settled task when it is our turn; returns true when there is
   * nothing left for us to do (paid, not ours to claim, or we are no keeper).
   */
  boolean claim(TrackedTask task, TaskSnapshot snap) {
    BigInteger id = task.taskId();
    Ruling standing = task.standing();
    boolean mine = standing != null && standing.signers().contains(chain.self());
    if (snap.attesterRewardsPaid() || !mine || !settings.keeper()) {
      return true;
    }
    if (task.disputed() && task.resolved() == null) {
      return false; // who the standing attesters are is not confirmed yet
    }
    if (agreement.myTurn(task, "claim")) {
      transactions.send(
          id,
          "claimAttesterRewards",
          () -> chain.claimAttesterRewards(id, standing.signers()),
          TaskSnapshot::attesterRewardsPaid,
          "rewards already claimed");
    }
    return false;
  }
}
