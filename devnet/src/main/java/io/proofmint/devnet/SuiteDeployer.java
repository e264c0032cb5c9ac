package io.proofmint.devnet;

import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.ContractArtifacts;
import io.proofmint.wrappers.DeployedContract;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.Signers;
import io.proofmint.wrappers.TxSender;
import io.proofmint.wrappers.generated.MockERC20;
import io.proofmint.wrappers.generated.ModelTokenFactory;
import io.proofmint.wrappers.generated.RevenueRouter;
import io.proofmint.wrappers.generated.StakeManager;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.generated.UsageEscrow;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.Contract;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.utils.Numeric;

/**
 * Deploys the contract suite and records it in a deployment manifest. The manifest is rewritten
 * after every contract, and a contract already in the manifest whose code is still on the chain is
 * kept: a deploy that was interrupted resumes, and running it twice changes nothing.
 */
public final class SuiteDeployer {

  private static final Logger LOG = LoggerFactory.getLogger(SuiteDeployer.class);

  private final ChainConnection chain;
  private final Credentials deployer;
  private final ContractArtifacts artifacts;
  private final SuiteParameters parameters;
  private final Clock clock;
  private final Consumer<String> progress;

  /** A deployer with the devnet defaults; the deployer's account is treasury and verifier pool. */
  public SuiteDeployer(
      ChainConnection chain,
      Credentials deployer,
      ContractArtifacts artifacts,
      Clock clock,
      Consumer<String> progress) {
    this(
        chain,
        deployer,
        artifacts,
        SuiteParameters.devnetDefaults(deployer.getAddress(), deployer.getAddress()),
        clock,
        progress);
  }

  public SuiteDeployer(
      ChainConnection chain,
      Credentials deployer,
      ContractArtifacts artifacts,
      SuiteParameters parameters,
      Clock clock,
      Consumer<String> progress) {
    this.chain = chain;
    this.deployer = deployer;
    this.artifacts = artifacts;
    this.parameters = parameters;
    this.clock = clock;
    this.progress = progress;
  }

  /**
   * Deploys what {@code manifestFile} does not already hold on this chain, wires the contracts to
   * each other (each link only if it is not already in place), then returns the manifest.
   */
  public DeploymentManifest deploy(Path manifestFile) throws Exception {
    Signers.requireDevnet(chain.chainId()); // the suite's payment and stake tokens are mocks
    DeploymentManifest manifest = resumable(manifestFile).orElseGet(this::emptyManifest);
    TxSender sender = chain.sender(deployer);
    var gas = chain.gasProvider();
    var web3j = chain.web3j();
    String owner = deployer.getAddress();
    SuiteParameters p = parameters;

    manifest =
        ensure(
            manifest,
            manifestFile,
            SuiteRoles.PAYMENT_TOKEN,
            "MockERC20",
            () ->
                MockERC20.deploy(
                        web3j, sender, gas, "Proofmint Mock USD", "mUSD", BigInteger.valueOf(6))
                    .send());
    manifest =
        ensure(
            manifest,
            manifestFile,
            SuiteRoles.STAKE_TOKEN,
            "MockERC20",
            () ->
                MockERC20.deploy(
                        web3j,
                        sender,
                        gas,
                        "Proofmint Devnet Stake",
                        "pSTAKE",
                        BigInteger.valueOf(18))
                    .send());
    String stakeToken = manifest.contract(SuiteRoles.STAKE_TOKEN).address();
    manifest =
        ensure(
            manifest,
            manifestFile,
            SuiteRoles.STAKE_MANAGER,
            "StakeManager",
            () ->
                StakeManager.deploy(
                        web3j,
                        sender,
                        gas,
                        owner,
                        stakeToken,
                        p.treasury(),
                        p.minTrainerStake(),
                        p.minVerifierStake(),
                        BigInteger.valueOf(p.unbondingDelaySeconds()),
                        BigInteger.valueOf(p.proverShareBps()))
                    .send());
    manifest =
        ensure(
            manifest,
            manifestFile,
            SuiteRoles.MODEL_TOKEN_FACTORY,
            "ModelTokenFactory",
            () -> ModelTokenFactory.deploy(web3j, sender, gas).send());
    manifest =
        ensure(
            manifest,
            manifestFile,
            SuiteRoles.REVENUE_ROUTER,
            "RevenueRouter",
            () ->
                RevenueRouter.deploy(
                        web3j,
                        sender,
                        gas,
                        owner,
                        p.treasury(),
                        p.verifierPool(),
                        BigInteger.valueOf(p.holdersBps()),
                        BigInteger.valueOf(p.verifiersBps()),
                        BigInteger.valueOf(p.treasuryBps()))
                    .send());
    String stakeManager = manifest.contract(SuiteRoles.STAKE_MANAGER).address();
    String factory = manifest.contract(SuiteRoles.MODEL_TOKEN_FACTORY).address();
    String router = manifest.contract(SuiteRoles.REVENUE_ROUTER).address();
    String paymentToken = manifest.contract(SuiteRoles.PAYMENT_TOKEN).address();
    manifest =
        ensure(
            manifest,
            manifestFile,
            SuiteRoles.TRAINING_REGISTRY,
            "TrainingRegistry",
            () ->
                TrainingRegistry.deploy(
                        web3j,
                        sender,
                        gas,
                        owner,
                        stakeManager,
                        factory,
                        router,
                        paymentToken,
                        p.treasury(),
                        p.verifierSlashAmount())
                    .send());
    manifest =
        ensure(
            manifest,
            manifestFile,
            SuiteRoles.USAGE_ESCROW,
            "UsageEscrow",
            () ->
                UsageEscrow.deploy(
                        web3j,
                        sender,
                        gas,
                        owner,
                        router,
                        BigInteger.valueOf(p.withdrawDelaySeconds()))
                    .send());
    wire(manifest, sender, gas);
    return manifest;
  }

  /** Points the stake manager and the revenue router at the registry, unless they already are. */
  private void wire(DeploymentManifest manifest, TxSender sender, ContractGasProvider gas)
      throws Exception {
    String registry = manifest.contract(SuiteRoles.TRAINING_REGISTRY).address();
    StakeManager stakeManager =
        StakeManager.load(
            manifest.contract(SuiteRoles.STAKE_MANAGER).address(), chain.web3j(), sender, gas);
    if (!registry.equalsIgnoreCase(stakeManager.registry().send())) {
      progress.accept("StakeManager: setting the registry");
      requireSuccess("StakeManager.setRegistry", stakeManager.setRegistry(registry).send());
    }
    RevenueRouter router =
        RevenueRouter.load(
            manifest.contract(SuiteRoles.REVENUE_ROUTER).address(), chain.web3j(), sender, gas);
    if (!registry.equalsIgnoreCase(router.registry().send())) {
      progress.accept("RevenueRouter: setting the registry");
      requireSuccess("RevenueRouter.setRegistry", router.setRegistry(registry).send());
    }
  }

  private static void requireSuccess(String what, TransactionReceipt receipt) {
    if (!receipt.isStatusOK()) {
      throw new IllegalStateException(
          what + " failed in transaction " + receipt.getTransactionHash());
    }
  }

  @FunctionalInterface
  private interface Deployment {
    Contract deploy() throws Exception;
  }

  private DeploymentManifest ensure(
      DeploymentManifest manifest,
      Path manifestFile,
      String role,
      String artifact,
      Deployment deployment)
      throws Exception {
    if (manifest.contracts().containsKey(role)) {
      progress.accept(role + ": kept " + manifest.contract(role).address());
      return manifest;
    }
    progress.accept(role + ": deploying " + artifact);
    Contract contract = deployment.deploy();
    TransactionReceipt receipt =
        contract
            .getTransactionReceipt()
            .orElseThrow(
                () -> new IllegalStateException(role + ": deployment returned no receipt"));
    DeployedContract deployed =
        new DeployedContract(
            artifact,
            contract.getContractAddress(),
            receipt.getTransactionHash(),
            receipt.getBlockNumber().longValueExact(),
            artifacts.artifact(artifact).bytecodeKeccak256(),
            runtimeCodeHash(contract.getContractAddress()));
    DeploymentManifest updated = manifest.with(role, deployed);
    if (updated.contracts().size() == 1) {
      updated = withDeployBlock(updated, deployed.block());
    }
    updated.write(manifestFile);
    LOG.info("{} deployed at {} in block {}", role, deployed.address(), deployed.block());
    return updated;
  }

  /** An existing manifest for this chain whose contracts are all still on it, if there is one. */
  private Optional<DeploymentManifest> resumable(Path manifestFile) throws IOException {
    if (!Files.exists(manifestFile)) {
      return Optional.empty();
    }
    DeploymentManifest existing = DeploymentManifest.read(manifestFile);
    if (existing.chainId() != chain.chainId()) {
      progress.accept(
          "manifest "
              + manifestFile
              + " is for chain "
              + existing.chainId()
              + "; deploying afresh on chain "
              + chain.chainId());
      return Optional.empty();
    }
    for (var entry : existing.contracts().entrySet()) {
      String onChain = runtimeCodeHash(entry.getValue().address());
      if (!onChain.equals(entry.getValue().runtimeCodeKeccak256())) {
        progress.accept(
            "manifest "
                + manifestFile
                + ": "
                + entry.getKey()
                + " is no longer on this chain (a restarted devnet?); deploying afresh");
        return Optional.empty();
      }
    }
    return Optional.of(existing);
  }

  private DeploymentManifest emptyManifest() {
    return new DeploymentManifest(
        DeploymentManifest.VERSION,
        chain.chainId(),
        chain.rpcUrl().toString(),
        0,
        artifacts.compilerVersion(),
        deployer.getAddress(),
        clock.instant().toString(),
        new LinkedHashMap<>());
  }

  private static DeploymentManifest withDeployBlock(DeploymentManifest m, long block) {
    return new DeploymentManifest(
        m.version(),
        m.chainId(),
        m.rpcUrl(),
        block,
        m.compilerVersion(),
        m.deployer(),
        m.deployedAt(),
        m.contracts());
  }

  private String runtimeCodeHash(String address) throws IOException {
    String code =
        chain.web3j().ethGetCode(address, DefaultBlockParameterName.LATEST).send().getCode();
    byte[] bytes = Numeric.hexStringToByteArray(code == null ? "0x" : code);
    return Numeric.toHexString(Hash.sha3(bytes));
  }
}
