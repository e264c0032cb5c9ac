package io.proofmint.devnet;

import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.ContractArtifacts;
import io.proofmint.wrappers.DeployedContract;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.Signers;
import io.proofmint.wrappers.TxSender;
import io.proofmint.wrappers.generated.MockERC20;
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
import org.web3j.utils.Numeric;

/**
 * Deploys the contract suite and records it in a deployment manifest. The manifest is rewritten
 * after every contract, and a contract already in the manifest whose code is still on the chain is
 * kept: a deploy that was interrupted resumes, and running it twice changes nothing.
 */
public final class SuiteDeployer {

  private static final Logger LOG = LoggerFactory.getLogger(SuiteDeployer.class);

  /** Role names in the manifest. */
  public static final String PAYMENT_TOKEN = "PaymentToken";

  public static final String STAKE_TOKEN = "StakeToken";

  private final ChainConnection chain;
  private final Credentials deployer;
  private final ContractArtifacts artifacts;
  private final Clock clock;
  private final Consumer<String> progress;

  public SuiteDeployer(
      ChainConnection chain,
      Credentials deployer,
      ContractArtifacts artifacts,
      Clock clock,
      Consumer<String> progress) {
    this.chain = chain;
    this.deployer = deployer;
    this.artifacts = artifacts;
    this.clock = clock;
    this.progress = progress;
  }

  /** Deploys what {@code manifestFile} does not already hold on this chain, then returns it. */
  public DeploymentManifest deploy(Path manifestFile) throws Exception {
    Signers.requireDevnet(chain.chainId()); // only devnet mock tokens exist so far
    DeploymentManifest manifest = resumable(manifestFile).orElseGet(this::emptyManifest);
    TxSender sender = chain.sender(deployer);
    var gas = chain.gasProvider();

    manifest =
        ensure(
            manifest,
            manifestFile,
            PAYMENT_TOKEN,
            "MockERC20",
            () ->
                MockERC20.deploy(
                        chain.web3j(),
                        sender,
                        gas,
                        "Proofmint Mock USD",
                        "mUSD",
                        BigInteger.valueOf(6))
                    .send());
    manifest =
        ensure(
            manifest,
            manifestFile,
            STAKE_TOKEN,
            "MockERC20",
            () ->
                MockERC20.deploy(
                        chain.web3j(),
                        sender,
                        gas,
                        "Proofmint Devnet Stake",
                        "pSTAKE",
                        BigInteger.valueOf(18))
                    .send());
    return manifest;
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
