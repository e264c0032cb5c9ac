package io.proofmint.settlement.index;

/**
 * How the indexer follows the chain.
 *
 * @param confirmations blocks below the head that are left alone until they are this deep; 0
 *     indexes the head itself (devnets with instant blocks)
 * @param maxBlocksPerStep most blocks one step reads and commits in one transaction
 * @param keepBlocks how many recent block hashes are remembered; a reorg deeper than this cannot be
 *     followed and stops the indexer with an error
 */
public record IndexerConfig(int confirmations, int maxBlocksPerStep, int keepBlocks) {

  public static final int DEFAULT_MAX_BLOCKS_PER_STEP = 2_000;
  public static final int DEFAULT_KEEP_BLOCKS = 256;

  public IndexerConfig {
    if (confirmations < 0) {
      throw new IllegalArgumentException("confirmations: expected >= 0, got " + confirmations);
    }
    if (maxBlocksPerStep < 1) {
      throw new IllegalArgumentException("blocks per step: expected >= 1, got " + maxBlocksPerStep);
    }
    if (keepBlocks <= confirmations || keepBlocks < 2) {
      throw new IllegalArgumentException(
          "recent blocks kept: expected > confirmations ("
              + confirmations
              + ") and >= 2, got "
              + keepBlocks);
    }
  }

  public static IndexerConfig withConfirmations(int confirmations) {
    return new IndexerConfig(
        confirmations,
        DEFAULT_MAX_BLOCKS_PER_STEP,
        Math.max(DEFAULT_KEEP_BLOCKS, 2 * confirmations + 2));
  }
}
