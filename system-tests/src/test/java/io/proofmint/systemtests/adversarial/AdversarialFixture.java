package io.proofmint.systemtests.adversarial;

import static org.assertj.core.api.Assertions.fail;

import io.proofmint.cli.flow.TaskFlow;
import io.proofmint.cli.flow.VerifierCluster;
import io.proofmint.devnet.AnvilDevnet;
import io.proofmint.devnet.AnvilOptions;
import io.proofmint.devnet.DevnetControl;
import io.proofmint.devnet.SuiteDeployer;
import io.proofmint.devnet.SuiteParameters;
import io.proofmint.protocol.artifacts.ArtifactServer;
import io.proofmint.protocol.artifacts.ArtifactServerConfig;
import io.proofmint.protocol.artifacts.BundlePublisher;
import io.proofmint.protocol.artifacts.LocalArtifactStore;
import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.verifier.adversary.Cheat;
import io.proofmint.verifier.adversary.CheatingTrainer;
import io.proofmint.verifier.daemon.ServedModel;
import io.proofmint.verifier.daemon.VerifierNode;
import io.proofmint.worker.data.SyntheticTask;
import io.proofmint.worker.engine.AdamConfig;
import io.proofmint.worker.engine.MlpSpec;
import io.proofmint.worker.engine.ReproducibilityProfile;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.engine.VerificationMode;
import io.proofmint.worker.engine.WorkerPool;
import io.proofmint.worker.task.ModelDefinition;
import io.proofmint.worker.task.StateCheckpoints;
import io.proofmint.worker.task.StepListener;
import io.proofmint.worker.task.TrainingJob;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.ContractArtifacts;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.StakeRole;
import io.proofmint.wrappers.registry.TaskStatus;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * A deployed suite on a fresh anvil with a background miner (so events gain confirmations), one
 * tiny model (MLP 32-24-4, batch 20, k = 10) registered with the test's rules, an artifact server
 * the trainers publish to, funded and staked actors, and verifier nodes on demand. Every
 * adversarial IT builds on it.
 */
final class AdversarialFixture implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AdversarialFixture.class);

  static final BigInteger E18 = BigInteger.TEN.pow(18);
  static final BigInteger TRAINER_STAKE = E18.multiply(BigInteger.valueOf(100));
  static final BigInteger VERIFIER_STAKE = E18.multiply(BigInteger.valueOf(50));
  static final BigInteger TRAINER_BOND = E18.multiply(BigInteger.TEN);
  static final BigInteger DISPUTE_BOND = E18.multiply(BigInteger.valueOf(5));
  static final BigInteger REWARD = E18.multiply(BigInteger.valueOf(500));
  static final BigInteger VERIFIER_FEE = E18.multiply(BigInteger.valueOf(30));
  static final int K = 10;
  static final int QUORUM = 2;
  static final int DISPUTE_QUORUM = 3;

  /** How long a bundle may stay unavailable before a verifier signs UNAVAILABLE (seconds here). */
  static final Duration UNAVAILABLE_GRACE = Duration.ofSeconds(5);

  static final Examples DATA = SyntheticTask.gaussianClusters(5, 400, 32, 4);
  static final ModelDefinition MODEL =
      new ModelDefinition(
          "adversarial-mlp",
          MlpSpec.of(20, AdamConfig.withLearningRate(1e-2f), 32, 24, 4),
          ReproducibilityProfile.portable(),
          VerificationMode.EXACT,
          7,
          Keccak.hashUtf8("adversarial dataset"));
  static final CheckpointHasher HASHER = CheckpointHasher.sequential();

  final Path dir;
  final AnvilDevnet devnet;
  final ChainConnection chain;
  final Suite suite;
  final TaskFlow flow;
  final List<Credentials> accounts;
  final Checkpoint initial;
  final BigInteger modelId;
  private final ScheduledExecutorService miner;
  private final WorkerPool trainerThreads;
  private final LocalArtifactStore store;
  private final ArtifactServer artifacts;
  private final List<VerifierNode> nodes = new ArrayList<>();

  private AdversarialFixture(
      Path dir,
      AnvilDevnet devnet,
      ChainConnection chain,
      Suite suite,
      Checkpoint initial,
      BigInteger modelId,
      ScheduledExecutorService miner,
      WorkerPool trainerThreads,
      LocalArtifactStore store,
      ArtifactServer artifacts) {
    this.dir = dir;
    this.devnet = devnet;
    this.chain = chain;
    this.suite = suite;
    this.flow = new TaskFlow(suite, new DevnetControl(chain));
    this.accounts = devnet.fundedAccounts();
    this.initial = initial;
    this.modelId = modelId;
    this.miner = miner;
    this.trainerThreads = trainerThreads;
    this.store = store;
    this.artifacts = artifacts;
  }

  // Accounts: 0 deployer, 1 model owner, 2 cheating trainer, 3-5 honest verifiers,
  // 6-7 lazy verifiers, 8 treasury, 9 verifier pool, 10 honest (victim) trainer.
  Credentials owner() {
    return accounts.get(1);
  }

  Credentials cheater() {
    return accounts.get(2);
  }

  List<Credentials> honestVerifiers() {
    return accounts.subList(3, 6);
  }

  List<Credentials> lazyVerifiers() {
    return accounts.subList(6, 8);
  }

  Credentials victim() {
    return accounts.get(10);
  }

  /** Starts anvil, deploys, stakes every actor and registers the model with {@code samples}. */
  static AdversarialFixture start(String name, Path dir, int samples) throws Exception {
    AnvilDevnet devnet =
        AnvilDevnet.start(
            new AnvilOptions(
                31337,
                12,
                0,
                Path.of("target", "devnet-logs", name + ".log"),
                Duration.ofSeconds(30)));
    ChainConnection chain = ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(31337));
    List<Credentials> acc = devnet.fundedAccounts();
    DeploymentManifest manifest =
        new SuiteDeployer(
                chain,
                acc.get(0),
                ContractArtifacts.load(),
                SuiteParameters.devnetDefaults(acc.get(8).getAddress(), acc.get(9).getAddress()),
                Clock.systemUTC(),
                s -> {})
            .deploy(dir.resolve("deployment.json"));
    Suite suite = Suite.load(chain, manifest, acc.get(0));
    TaskFlow flow = new TaskFlow(suite, new DevnetControl(chain));
    for (Credentials trainer : List.of(acc.get(2), acc.get(10))) {
      flow.fundAndStake(trainer, StakeRole.TRAINER, TRAINER_STAKE);
    }
    for (Credentials verifier : acc.subList(3, 8)) {
      flow.fundAndStake(verifier, StakeRole.VERIFIER, VERIFIER_STAKE);
      suite.stakeToken().mint(verifier.getAddress(), DISPUTE_BOND.multiply(BigInteger.TWO)).send();
    }
    WorkerPool trainerThreads = WorkerPool.singleThreaded();
    Checkpoint initial;
    try (TrainingEngine engine =
        TrainingEngine.open(MODEL.spec(), MODEL.profile(), trainerThreads)) {
      initial = StateCheckpoints.initial(engine, MODEL);
    }
    TaskFlow.Model model =
        flow.registerModel(
            acc.get(1),
            MODEL.specHash(),
            MODEL.datasetRoot(),
            HASHER.hash(initial),
            rules(samples),
            "Adversarial MLP",
            "AMLP",
            E18.multiply(BigInteger.valueOf(1000)));
    DevnetControl control = new DevnetControl(chain);
    ScheduledExecutorService miner =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("test-miner").daemon().factory());
    miner.scheduleWithFixedDelay(
        () -> {
          try {
            control.mine();
          } catch (Exception e) {
            LOG.debug("miner: {}", e.toString());
          }
        },
        200,
        200,
        TimeUnit.MILLISECONDS);
    LocalArtifactStore store = new LocalArtifactStore(dir.resolve("artifact-store"));
    ArtifactServer artifacts = ArtifactServer.start(store, ArtifactServerConfig.loopback());
    return new AdversarialFixture(
        dir, devnet, chain, suite, initial, model.id(), miner, trainerThreads, store, artifacts);
  }

  static TrainingRegistry.Rules rules(int samples) {
    return new TrainingRegistry.Rules(
        BigInteger.valueOf(K),
        BigInteger.valueOf(samples),
        BigInteger.valueOf(QUORUM),
        BigInteger.valueOf(DISPUTE_QUORUM),
        BigInteger.ZERO, // exact mode
        BigInteger.ZERO,
        BigInteger.valueOf(60), // challenge window (the minimum)
        BigInteger.valueOf(3600), // verify timeout
        TRAINER_BOND,
        DISPUTE_BOND);
  }

  BigInteger createTask(long steps) throws Exception {
    return flow.createTask(owner(), modelId, steps, REWARD, VERIFIER_FEE, 3600).id();
  }

  TaskBinding binding(BigInteger taskId, Credentials trainer) {
    return TaskBinding.of(
        31337,
        Address.fromHex(suite.address(SuiteRoles.TRAINING_REGISTRY)),
        taskId,
        Address.fromHex(trainer.getAddress()));
  }

  /** What a trainer committed. */
  record Committed(BigInteger taskId, TrainingJob.Result result, String locator) {}

  /** Claims, trains (honestly if {@code cheat} is null), publishes and commits. */
  Committed train(Credentials trainer, BigInteger taskId, Cheat cheat) throws Exception {
    return publishAndCommit(trainer, taskId, trainOnly(trainer, taskId, cheat));
  }

  /** The fixture's artifact server, where published bundles are served. */
  URI artifactsUri() {
    return artifacts.baseUri();
  }

  /** Claims and trains (honestly if {@code cheat} is null); publishes and commits nothing. */
  TrainingJob.Result trainOnly(Credentials trainer, BigInteger taskId, Cheat cheat)
      throws Exception {
    flow.claim(trainer, taskId);
    long steps = task(taskId).steps.longValueExact();
    Path bundleDir = dir.resolve("bundles").resolve("task-" + taskId);
    TrainingJob.Result result;
    try (TrainingEngine engine =
        TrainingEngine.open(MODEL.spec(), MODEL.profile(), trainerThreads)) {
      result =
          cheat == null
              ? new TrainingJob(MODEL, DATA, HASHER)
                  .run(
                      engine,
                      binding(taskId, trainer),
                      initial,
                      steps,
                      K,
                      bundleDir,
                      StepListener.NONE)
              : new CheatingTrainer(MODEL, DATA, HASHER)
                  .run(engine, binding(taskId, trainer), initial, steps, K, bundleDir, cheat);
    }
    return result;
  }

  Committed publishAndCommit(Credentials trainer, BigInteger taskId, TrainingJob.Result result)
      throws Exception {
    return publishAndCommit(trainer, taskId, result, artifacts.baseUri());
  }

  /**
   * Publishes into the fixture's store and commits a locator with the base URL {@code servedAt}
   * (the fixture's artifact server, or a proxy in front of it).
   */
  Committed publishAndCommit(
      Credentials trainer, BigInteger taskId, TrainingJob.Result result, URI servedAt)
      throws Exception {
    String locator =
        new BundlePublisher(servedAt, HASHER).publish(result.bundleDir(), store).toString();
    flow.commit(
        trainer, taskId, result.manifest().root(), result.manifest().finalCheckpoint(), locator);
    return new Committed(taskId, result, locator);
  }

  /** Starts one verifier node per account, each knowing the others as peers. */
  List<VerifierNode> startVerifiers(List<Credentials> who) throws Exception {
    List<VerifierNode> started =
        VerifierCluster.start(
            suite,
            who,
            List.of(new ServedModel(MODEL, DATA)),
            dir,
            VerifierCluster.devnetSettings(UNAVAILABLE_GRACE));
    nodes.addAll(started);
    return started;
  }

  TrainingRegistry.TaskView task(BigInteger taskId) throws Exception {
    return suite.registry().getTask(taskId).send();
  }

  TaskStatus status(BigInteger taskId) throws Exception {
    return TaskStatus.fromChain(task(taskId).status);
  }

  /** Polls until {@code check} holds for the task, or fails after {@code timeout}. */
  TrainingRegistry.TaskView await(
      BigInteger taskId,
      String what,
      Duration timeout,
      Function<TrainingRegistry.TaskView, Boolean> check)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    TrainingRegistry.TaskView view = task(taskId);
    while (!check.apply(view)) {
      if (System.nanoTime() > deadline) {
        fail(
            "task %s: expected %s within %s, status is %s",
            taskId, what, timeout, TaskStatus.fromChain(view.status).label());
      }
      Thread.sleep(100);
      view = task(taskId);
    }
    return view;
  }

  TrainingRegistry.TaskView awaitStatus(BigInteger taskId, TaskStatus status) throws Exception {
    return await(
        taskId,
        status.label(),
        Duration.ofSeconds(60),
        v -> TaskStatus.fromChain(v.status) == status);
  }

  /** Moves past the challenge window; the verifiers (as keepers) then finalize and claim. */
  TrainingRegistry.TaskView settle(BigInteger taskId, TaskStatus expected) throws Exception {
    flow.passChallengeWindow(taskId);
    return await(
        taskId,
        expected.label() + " with attester rewards paid",
        Duration.ofSeconds(60),
        v ->
            TaskStatus.fromChain(v.status) == expected
                && Boolean.TRUE.equals(v.attesterRewardsPaid));
  }

  BigInteger staked(Credentials account) throws Exception {
    return suite.stakeManager().stakeOf(account.getAddress()).send().component3();
  }

  boolean jailed(Credentials account) throws Exception {
    return Boolean.TRUE.equals(
        suite.stakeManager().stakeOf(account.getAddress()).send().component2());
  }

  BigInteger stakeTokens(Credentials account) throws Exception {
    return suite.stakeToken().balanceOf(account.getAddress()).send();
  }

  BigInteger stakeTokens(String address) throws Exception {
    return suite.stakeToken().balanceOf(address).send();
  }

  Hash32 head() throws Exception {
    return Hash32.of(suite.registry().getModel(modelId).send().head);
  }

  @Override
  public void close() {
    for (VerifierNode node : nodes) {
      node.close();
    }
    miner.shutdownNow();
    artifacts.close();
    trainerThreads.close();
    chain.close();
    devnet.close();
  }
}
