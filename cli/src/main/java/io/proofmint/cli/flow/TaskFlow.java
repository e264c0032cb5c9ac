package io.proofmint.cli.flow;

import io.proofmint.cli.owner.ModelRegistration;
import io.proofmint.cli.owner.TaskCreation;
import io.proofmint.cli.owner.TokenTerms;
import io.proofmint.devnet.DevnetControl;
import io.proofmint.protocol.attest.Attestation;
import io.proofmint.protocol.attest.Eip712Domain;
import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.commit.SegmentLeaf;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.wrappers.attest.AttestationSigner;
import io.proofmint.wrappers.attest.SignatureBatch;
import io.proofmint.wrappers.chain.ChainReader;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.StakeRole;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Drives registry actions for tests, benchmarks and the demo: each method sends one transaction as
 * the named account and returns what it produced, receipt included (for gas). Every call fails with
 * the node's reason when the transaction reverts.
 */
public final class TaskFlow {

  /** A registered model: its id, token address and the registration receipt. */
  public record Model(BigInteger id, String token, TransactionReceipt receipt) {}

  /** A created task and its receipt. */
  public record Task(BigInteger id, TransactionReceipt receipt) {}

  /** A drawn challenge seed and the receipt of the transaction that drew it. */
  public record Seeded(Hash32 seed, TransactionReceipt receipt) {}

  /** A submitted attestation batch: the batch and its receipt. */
  public record Attested(SignatureBatch batch, TransactionReceipt receipt) {}

  private final Suite admin;
  private final DevnetControl devnet;

  /**
   * @param admin the suite as seen by an account that may mint the mock stake and payment tokens
   */
  public TaskFlow(Suite admin, DevnetControl devnet) {
    this.admin = admin;
    this.devnet = devnet;
  }

  public Suite suite() {
    return admin;
  }

  public DevnetControl devnet() {
    return devnet;
  }

  /** Mints {@code amount} mock stake tokens to {@code account}, approves and stakes them. */
  public TransactionReceipt fundAndStake(Credentials account, StakeRole role, BigInteger amount)
      throws Exception {
    admin.stakeToken().mint(account.getAddress(), amount).send();
    Suite as = admin.as(account);
    as.stakeToken().approve(admin.address(SuiteRoles.STAKE_MANAGER), amount).send();
    return as.stakeManager().stake(role.chainCode(), amount).send();
  }

  /** Mints {@code amount} mock stake tokens to {@code account} (devnet faucet). */
  public void fundStake(Credentials account, BigInteger amount) throws Exception {
    admin.stakeToken().mint(account.getAddress(), amount).send();
  }

  /** Mints {@code amount} mock payment tokens to {@code account}. */
  public void fundPayment(Credentials account, BigInteger amount) throws Exception {
    admin.paymentToken().mint(account.getAddress(), amount).send();
  }

  /** Sends registerModel as {@code owner} through {@link ModelRegistration#send}, unchecked. */
  public Model registerModel(
      Credentials owner,
      Hash32 specHash,
      Hash32 datasetRoot,
      Hash32 initialHead,
      TrainingRegistry.Rules rules,
      String name,
      String symbol,
      BigInteger initialSupply)
      throws Exception {
    ModelRegistration.Registered registered =
        new ModelRegistration(admin.as(owner))
            .send(
                specHash,
                datasetRoot,
                initialHead,
                rules,
                new TokenTerms(name, symbol, initialSupply));
    return new Model(registered.modelId(), registered.token(), registered.receipt().orElseThrow());
  }

  /** Sends createTask as {@code owner} through {@link TaskCreation#send}, unchecked. */
  public Task createTask(
      Credentials owner,
      BigInteger modelId,
      long steps,
      BigInteger reward,
      BigInteger verifierFee,
      long durationSeconds)
      throws Exception {
    TaskCreation.Created created =
        new TaskCreation(admin.as(owner))
            .send(
                new TaskCreation.Terms(
                    modelId, steps, reward, verifierFee, Duration.ofSeconds(durationSeconds)));
    return new Task(created.taskId(), created.receipt());
  }

  public TransactionReceipt claim(Credentials trainer, BigInteger taskId) throws Exception {
    return admin.as(trainer).registry().claimTask(taskId).send();
  }

  public TransactionReceipt commit(
      Credentials trainer, BigInteger taskId, Hash32 root, Hash32 finalCheckpoint, String locator)
      throws Exception {
    return admin
        .as(trainer)
        .registry()
        .commit(taskId, root.bytes(), finalCheckpoint.bytes(), locator)
        .send();
  }

  /** Mines past the seed block, then draws the seed; returns the seed the registry stored. */
  public Seeded drawSeed(Credentials caller, BigInteger taskId) throws Exception {
    devnet.mine();
    TransactionReceipt receipt = admin.as(caller).registry().drawSeed(taskId).send();
    return new Seeded(Hash32.of(task(taskId).seed), receipt);
  }

  public TrainingRegistry.TaskView task(BigInteger taskId) throws Exception {
    return admin.registry().getTask(taskId).send();
  }

  /** The EIP-712 domain of the deployed registry. */
  public Eip712Domain domain() {
    return Eip712Domain.of(
        admin.chain().chainId(), Address.fromHex(admin.address(SuiteRoles.TRAINING_REGISTRY)));
  }

  /** Has each of {@code verifiers} sign VALID and submits the batch as {@code submitter}. */
  public Attested attestValid(Credentials submitter, BigInteger taskId, List<Credentials> verifiers)
      throws Exception {
    TrainingRegistry.TaskView task = task(taskId);
    Attestation attestation = Attestation.valid(taskId, Hash32.of(task.root), Hash32.of(task.seed));
    return submit(submitter, taskId, attestation, verifiers, emptyLeaf(), List.of());
  }

  /** Has each of {@code verifiers} sign FRAUD at {@code leaf} and submits it with its proof. */
  public Attested attestFraud(
      Credentials submitter,
      BigInteger taskId,
      List<Credentials> verifiers,
      SegmentLeaf leaf,
      List<Hash32> proof)
      throws Exception {
    TrainingRegistry.TaskView task = task(taskId);
    Attestation attestation =
        Attestation.fraud(taskId, Hash32.of(task.root), Hash32.of(task.seed), leaf.index());
    return submit(submitter, taskId, attestation, verifiers, toStruct(leaf), proof);
  }

  private Attested submit(
      Credentials submitter,
      BigInteger taskId,
      Attestation attestation,
      List<Credentials> verifiers,
      TrainingRegistry.SegmentLeaf leaf,
      List<Hash32> proof)
      throws Exception {
    Eip712Domain domain = domain();
    SignatureBatch batch =
        SignatureBatch.of(
            verifiers.stream()
                .map(v -> new AttestationSigner(v).sign(attestation, domain))
                .toList());
    TransactionReceipt receipt =
        admin
            .as(submitter)
            .registry()
            .submitAttestations(
                taskId,
                BigInteger.valueOf(attestation.verdict().code()),
                BigInteger.valueOf(attestation.failingSegment()),
                batch.packed(),
                leaf,
                proof.stream().map(Hash32::bytes).toList())
            .send();
    return new Attested(batch, receipt);
  }

  /** Moves the clock past the task's challenge window. */
  public void passChallengeWindow(BigInteger taskId) throws Exception {
    long windowEnd = task(taskId).deadline.longValueExact();
    long now = latestTimestamp();
    devnet.advanceTime(Math.max(0, windowEnd - now) + 1);
  }

  public TransactionReceipt finalizeTask(Credentials caller, BigInteger taskId) throws Exception {
    return admin.as(caller).registry().finalize(taskId).send();
  }

  public TransactionReceipt payAttesters(
      Credentials caller, BigInteger taskId, SignatureBatch attesters) throws Exception {
    return admin.as(caller).registry().claimAttesterRewards(taskId, attesters.signerHexes()).send();
  }

  /**
   * Pays {@code amount} of the payment asset to {@code modelToken}'s holders through the router.
   */
  public TransactionReceipt payRevenue(Credentials payer, String modelToken, BigInteger amount)
      throws Exception {
    Suite as = admin.as(payer);
    as.paymentToken().approve(admin.address(SuiteRoles.REVENUE_ROUTER), amount).send();
    return as.revenueRouter().pay(modelToken, amount).send();
  }

  /** The timestamp of the latest block. */
  public long latestTimestamp() throws IOException {
    return ChainReader.of(admin.chain()).latestTimestamp();
  }

  private static TrainingRegistry.SegmentLeaf emptyLeaf() {
    byte[] zero = new byte[32];
    return new TrainingRegistry.SegmentLeaf(zero, zero, zero, zero);
  }

  private static TrainingRegistry.SegmentLeaf toStruct(SegmentLeaf leaf) {
    return new TrainingRegistry.SegmentLeaf(
        leaf.ckptStart().bytes(),
        leaf.ckptEnd().bytes(),
        leaf.batchesHash().bytes(),
        leaf.lossesHash().bytes());
  }

  /** The verdict codes the registry uses. */
  public static BigInteger code(Verdict verdict) {
    return BigInteger.valueOf(verdict.code());
  }
}
