package io.proofmint.settlement.index;

import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.util.List;
import java.util.Locale;

/**
 * The deployment the indexer follows: the chain, the three contracts whose events it keeps (model
 * tokens are found through {@code ModelRegistered}), and the block to start from.
 */
public record IndexTarget(
    long chainId, String registry, String router, String escrow, long startBlock) {

  public IndexTarget {
    registry = registry.toLowerCase(Locale.ROOT);
    router = router.toLowerCase(Locale.ROOT);
    escrow = escrow.toLowerCase(Locale.ROOT);
    if (startBlock < 0) {
      throw new IllegalArgumentException("start block: expected >= 0, got " + startBlock);
    }
  }

  /** Follows the suite of {@code manifest} from its deployment block. */
  public static IndexTarget of(DeploymentManifest manifest) {
    return new IndexTarget(
        manifest.chainId(),
        manifest.contract(SuiteRoles.TRAINING_REGISTRY).address(),
        manifest.contract(SuiteRoles.REVENUE_ROUTER).address(),
        manifest.contract(SuiteRoles.USAGE_ESCROW).address(),
        manifest.deployBlock());
  }

  public List<String> coreAddresses() {
    return List.of(registry, router, escrow);
  }
}
