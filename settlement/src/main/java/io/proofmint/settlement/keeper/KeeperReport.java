package io.proofmint.settlement.keeper;

import io.proofmint.settlement.index.IndexOutcome;

/**
 * What one keeper pass did.
 *
 * @param index the indexer's last step of the pass
 * @param reconciled intents resolved against the chain
 * @param finalized tasks finalized
 * @param rewardsPaid tasks whose attesters were paid
 * @param expired tasks expired
 * @param vouchersRedeemed vouchers in mined redeem transactions
 * @param batches redeem transactions mined
 * @param notNeeded planned transactions whose simulation reverted (nothing sent)
 * @param reverted transactions mined but reverted
 */
public record KeeperReport(
    IndexOutcome index,
    int reconciled,
    int finalized,
    int rewardsPaid,
    int expired,
    int vouchersRedeemed,
    int batches,
    int notNeeded,
    int reverted) {

  /** True if the pass sent or resolved anything. */
  public boolean didSomething() {
    return reconciled + finalized + rewardsPaid + expired + batches + reverted > 0;
  }

  @Override
  public String toString() {
    return "indexed to block %d; finalized %d, attesters paid %d, expired %d, vouchers redeemed %d in %d batch(es)%s%s"
        .formatted(
            index == null ? -1 : index.toBlock(),
            finalized,
            rewardsPaid,
            expired,
            vouchersRedeemed,
            batches,
            reconciled > 0 ? ", reconciled " + reconciled : "",
            reverted > 0 ? ", reverted " + reverted : "");
  }
}
