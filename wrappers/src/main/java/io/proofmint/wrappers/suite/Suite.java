package io.proofmint.wrappers.suite;

import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.generated.MockERC20;
import io.proofmint.wrappers.generated.ModelToken;
import io.proofmint.wrappers.generated.RevenueRouter;
import io.proofmint.wrappers.generated.StakeManager;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.generated.UsageEscrow;
import org.web3j.crypto.Credentials;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * The deployed suite as seen by one account: every contract's generated wrapper, loaded from the
 * deployment manifest and sending through that account's transaction manager.
 */
public record Suite(
    DeploymentManifest manifest,
    Credentials account,
    TransactionManager sender,
    ContractGasProvider gas,
    ChainConnection chain,
    MockERC20 paymentToken,
    MockERC20 stakeToken,
    StakeManager stakeManager,
    RevenueRouter revenueRouter,
    TrainingRegistry registry,
    UsageEscrow usageEscrow) {

  /** Loads the suite for {@code account}; each transaction returns once its receipt is known. */
  public static Suite load(
      ChainConnection chain, DeploymentManifest manifest, Credentials account) {
    return load(chain, manifest, account, chain.sender(account));
  }

  /** Loads the suite for {@code account} sending through {@code sender}. */
  public static Suite load(
      ChainConnection chain,
      DeploymentManifest manifest,
      Credentials account,
      TransactionManager sender) {
    if (manifest.chainId() != chain.chainId()) {
      throw new IllegalArgumentException(
          "deployment manifest is for chain "
              + manifest.chainId()
              + ", the connection is to chain "
              + chain.chainId());
    }
    ContractGasProvider gas = chain.gasProvider();
    var web3j = chain.web3j();
    return new Suite(
        manifest,
        account,
        sender,
        gas,
        chain,
        MockERC20.load(address(manifest, SuiteRoles.PAYMENT_TOKEN), web3j, sender, gas),
        MockERC20.load(address(manifest, SuiteRoles.STAKE_TOKEN), web3j, sender, gas),
        StakeManager.load(address(manifest, SuiteRoles.STAKE_MANAGER), web3j, sender, gas),
        RevenueRouter.load(address(manifest, SuiteRoles.REVENUE_ROUTER), web3j, sender, gas),
        TrainingRegistry.load(address(manifest, SuiteRoles.TRAINING_REGISTRY), web3j, sender, gas),
        UsageEscrow.load(address(manifest, SuiteRoles.USAGE_ESCROW), web3j, sender, gas));
  }

  /** The same suite as seen by another account. */
  public Suite as(Credentials other) {
    return load(chain, manifest, other);
  }

  /** A model's token, sending as this suite's account. */
  public ModelToken modelToken(String address) {
    return ModelToken.load(address, chain.web3j(), sender, gas);
  }

  public String address(String role) {
    return address(manifest, role);
  }

  private static String address(DeploymentManifest manifest, String role) {
    return manifest.contract(role).address();
  }
}
