package io.proofmint.settlement.keeper;

import java.time.Duration;

/**
 * How the keeper works.
 *
 * @param pollInterval pause between two passes
 * @param redeemBatch most vouchers in one {@code redeem} transaction
 * @param redeemDelay a voucher waits at most this long in the inbox before it is redeemed (batches
 *     fill up meanwhile); must stay well under the escrow's withdrawal delay
 * @param expiryMargin a voucher expiring within this margin of chain time is redeemed at once
 * @param expireTasks whether to call {@code expire} on tasks past their deadline
 * @param maxIndexSteps most indexer steps per pass (bounds one pass while catching up)
 * @param maxBatchesPerPass most redeem transactions per pass
 * @param receiptTimeout how long to wait for one transaction's receipt
 */
public record KeeperConfig(
    Duration pollInterval,
    int redeemBatch,
    Duration redeemDelay,
    Duration expiryMargin,
    boolean expireTasks,
    int maxIndexSteps,
    int maxBatchesPerPass,
    Duration receiptTimeout) {

  public static final int MAX_REDEEM_BATCH = 200;

  public KeeperConfig {
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("poll interval: expected > 0, got " + pollInterval);
    }
    if (redeemBatch < 1 || redeemBatch > MAX_REDEEM_BATCH) {
      throw new IllegalArgumentException(
          "redeem batch: expected 1.." + MAX_REDEEM_BATCH + " vouchers, got " + redeemBatch);
    }
    if (redeemDelay.isNegative() || expiryMargin.isNegative()) {
      throw new IllegalArgumentException(
          "redeem delay and expiry margin: expected >= 0, got "
              + redeemDelay
              + " and "
              + expiryMargin);
    }
    if (maxIndexSteps < 1 || maxBatchesPerPass < 1) {
      throw new IllegalArgumentException(
          "index steps and batches per pass: expected >= 1, got "
              + maxIndexSteps
              + " and "
              + maxBatchesPerPass);
    }
  }

  /**
   * Defaults: a pass every 5 s, batches of 50 vouchers redeemed within 10 minutes of the first
   * being stored or an hour before they expire, abandoned tasks expired.
   */
  public static KeeperConfig defaults() {
    return new KeeperConfig(
        Duration.ofSeconds(5),
        50,
        Duration.ofMinutes(10),
        Duration.ofHours(1),
        true,
        50,
        10,
        Duration.ofMinutes(5));
  }

  public KeeperConfig withPollInterval(Duration interval) {
    return new KeeperConfig(
        interval,
        redeemBatch,
        redeemDelay,
        expiryMargin,
        expireTasks,
        maxIndexSteps,
        maxBatchesPerPass,
        receiptTimeout);
  }

  public KeeperConfig withRedeem(int batch, Duration delay) {
    return new KeeperConfig(
        pollInterval,
        batch,
        delay,
        expiryMargin,
        expireTasks,
        maxIndexSteps,
        maxBatchesPerPass,
        receiptTimeout);
  }

  public KeeperConfig withExpireTasks(boolean expire) {
    return new KeeperConfig(
        pollInterval,
        redeemBatch,
        redeemDelay,
        expiryMargin,
        expire,
        maxIndexSteps,
        maxBatchesPerPass,
        receiptTimeout);
  }
}
