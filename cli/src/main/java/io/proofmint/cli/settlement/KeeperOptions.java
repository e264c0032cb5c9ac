package io.proofmint.cli.settlement;

import io.proofmint.settlement.index.IndexerConfig;
import io.proofmint.settlement.keeper.KeeperConfig;
import io.proofmint.wrappers.Signers;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The keeper's options, mapped into its immutable {@link KeeperConfig} and indexer config. */
public final class KeeperOptions {

  @Option(
      names = "--confirmations",
      paramLabel = "N",
      description =
          "Blocks a block must be buried under before it is indexed (default: 0 on a devnet chain"
              + " id, 12 elsewhere). Reorgs within the last 256 indexed blocks are rolled back.")
  Integer confirmations;

  @Option(
      names = "--poll-interval",
      paramLabel = "DURATION",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description = "Pause between two passes (default: ${DEFAULT-VALUE}).")
  Duration pollInterval;

  @Option(
      names = "--redeem-batch",
      paramLabel = "N",
      defaultValue = "50",
      description = "Most vouchers per redeem transaction, 1..200 (default: ${DEFAULT-VALUE}).")
  int redeemBatch;

  @Option(
      names = "--redeem-delay",
      paramLabel = "DURATION",
      defaultValue = "10m",
      converter = DurationConverter.class,
      description =
          "Longest a voucher waits for a fuller batch before it is redeemed (default:"
              + " ${DEFAULT-VALUE}); keep it well under the escrow's withdrawal delay.")
  Duration redeemDelay;

  @Option(
      names = "--no-expire",
      description = "Do not expire tasks whose trainer missed a deadline.")
  boolean noExpire;

  @Option(
      names = "--blocks-per-step",
      paramLabel = "N",
      defaultValue = "2000",
      description = "Most blocks the indexer reads in one step (default: ${DEFAULT-VALUE}).")
  int blocksPerStep;

  public KeeperConfig keeperConfig() {
    KeeperConfig d = KeeperConfig.defaults();
    return new KeeperConfig(
        pollInterval,
        redeemBatch,
        redeemDelay,
        d.expiryMargin(),
        !noExpire,
        d.maxIndexSteps(),
        d.maxBatchesPerPass(),
        d.receiptTimeout());
  }

  public IndexerConfig indexerConfig(long chainId) {
    int depth =
        confirmations != null ? confirmations : Signers.DEVNET_CHAIN_IDS.contains(chainId) ? 0 : 12;
    return new IndexerConfig(
        depth, blocksPerStep, Math.max(IndexerConfig.DEFAULT_KEEP_BLOCKS, 2 * depth + 2));
  }
}
