package io.proofmint.cli.demo;

import io.proofmint.cli.flow.TaskFlow;
import io.proofmint.cli.flow.VerifierCluster;
import io.proofmint.cli.owner.TaskCreation;
import io.proofmint.protocol.artifacts.BundlePublisher;
import io.proofmint.protocol.artifacts.LocalArtifactStore;
import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.verifier.adversary.Cheat;
import io.proofmint.verifier.adversary.CheatingTrainer;
import io.proofmint.verifier.daemon.DaemonSettings;
import io.proofmint.verifier.daemon.ServedModel;
import io.proofmint.verifier.daemon.VerifierNode;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.engine.WorkerPool;
import io.proofmint.worker.role.Staking;
import io.proofmint.worker.task.ModelDefinition;
import io.proofmint.worker.task.StateCheckpoints;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.StakeRole;
import io.proofmint.wrappers.registry.TaskStatus;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.web3j.crypto.Credentials;

/**
 * The demo's verification stage: three staked verifiers replay sampled segments of the committed
 * task, agree, and put one attestation batch on-chain; after the challenge window they finalize as
 * keepers. With a cheater, a second task is trained with random weights instead of training, and
 * the same verifiers prove it fraudulent, which slashes the cheater's bond.
 */
final class VerificationStage {

  /** One task's outcome. */
  record TaskOutcome(
      BigInteger taskId,
      String trainer,
      String verdict,
      String status,
      String attestedBy,
      String trainerStakeBefore,
      String trainerStakeAfter,
      String modelTokensMintedToTrainer) {}

  /** What the stage did. */
  record Result(List<String> verifiers, List<TaskOutcome> tasks) {}

  private static final BigInteger VERIFIER_FUNDS = DemoSetup.E18.multiply(BigInteger.valueOf(100));
  private static final Duration WAIT = Duration.ofSeconds(120);

  private final TaskFlow flow;
  private final Path dir;
  private final PrintWriter out;

  VerificationStage(TaskFlow flow, Path dir, PrintWriter out) {
    this.flow = flow;
    this.dir = dir;
    this.out = out;
  }

  Result run(
      TrainingStage training,
      TrainingStage.Result honest,
      List<Credentials> verifiers,
      Credentials owner,
      Credentials cheater,
      LocalArtifactStore store,
      URI artifactsUri)
      throws Exception {
    ModelDefinition model = training.model();
    Suite suite = flow.suite();
    List<BigInteger> tasks = new ArrayList<>(List.of(honest.taskId()));
    List<String> trainers = new ArrayList<>(List.of(honestTrainer(honest.taskId())));
    List<BigInteger> stakeBefore = new ArrayList<>(List.of(staked(trainers.get(0))));
    if (cheater != null) {
      BigInteger cheatTask =
          commitCheat(training, honest.modelId(), owner, cheater, store, artifactsUri);
      tasks.add(cheatTask);
      trainers.add(cheater.getAddress());
      stakeBefore.add(staked(cheater.getAddress()));
    }
    for (Credentials v : verifiers) {
      flow.fundStake(v, VERIFIER_FUNDS);
      Staking.ensure(suite.as(v), StakeRole.VERIFIER, BigInteger.ZERO);
    }
    out.printf(
        "      %d verifiers staked; each replays %d sampled segments of every task%n",
        verifiers.size(), DemoSetup.SAMPLES);

    ScheduledExecutorService miner = Executors.newSingleThreadScheduledExecutor();
    List<VerifierNode> nodes = new ArrayList<>();
    try {
      // anvil mines only on transactions; the verifiers wait for confirmations, so keep blocks
      // coming.
      miner.scheduleAtFixedRate(this::mineQuietly, 200, 200, TimeUnit.MILLISECONDS);
      nodes.addAll(startVerifiers(verifiers, model, training));
      for (BigInteger task : tasks) {
        TrainingRegistry.TaskView view =
            await(
                task,
                "an attestation batch",
                v -> TaskStatus.fromChain(v.status).ordinal() >= TaskStatus.ATTESTED.ordinal());
        out.printf(
            "      task %s: %s by %d of %d verifiers (challenge window %d s)%n",
            task,
            verdict(view),
            DemoSetup.QUORUM,
            verifiers.size(),
            DemoSetup.CHALLENGE_WINDOW_SECONDS);
      }
      for (BigInteger task : tasks) {
        flow.passChallengeWindow(task);
      }
      List<TaskOutcome> outcomes = new ArrayList<>();
      for (int i = 0; i < tasks.size(); i++) {
        BigInteger task = tasks.get(i);
        TrainingRegistry.TaskView view =
            await(
                task,
                "settlement by the verifiers acting as keepers",
                v ->
                    (TaskStatus.fromChain(v.status) == TaskStatus.FINALIZED
                            || TaskStatus.fromChain(v.status) == TaskStatus.REJECTED)
                        && Boolean.TRUE.equals(v.attesterRewardsPaid));
        BigInteger after = staked(trainers.get(i));
        BigInteger minted =
            TaskStatus.fromChain(view.status) == TaskStatus.FINALIZED
                ? view.reward
                : BigInteger.ZERO;
        out.printf(
            "      task %s %s: trainer %s stake %s -> %s pSTAKE, %s PDEMO minted to it%n",
            task,
            TaskStatus.fromChain(view.status).label(),
            trainers.get(i),
            tokens(stakeBefore.get(i)),
            tokens(after),
            tokens(minted));
        outcomes.add(
            new TaskOutcome(
                task,
                trainers.get(i),
                verdict(view),
                TaskStatus.fromChain(view.status).label(),
                verifiers.stream().map(Credentials::getAddress).toList().toString(),
                stakeBefore.get(i).toString(),
                after.toString(),
                minted.toString()));
      }
      return new Result(verifiers.stream().map(Credentials::getAddress).toList(), outcomes);
    } finally {
      nodes.forEach(VerifierNode::close);
      miner.shutdownNow();
    }
  }

  private BigInteger commitCheat(
      TrainingStage training,
      BigInteger modelId,
      Credentials owner,
      Credentials cheater,
      LocalArtifactStore store,
      URI artifactsUri)
      throws Exception {
    ModelDefinition model = training.model();
    TaskCreation.Created task =
        new TaskCreation(flow.suite().as(owner)).create(TrainingStage.demoTask(modelId));
    flow.fundStake(cheater, DemoSetup.TRAINER_STAKE_FUNDS);
    Suite as = flow.suite().as(cheater);
    Staking.ensure(as, StakeRole.TRAINER, DemoSetup.TRAINER_BOND);
    flow.claim(cheater, task.taskId());
    CheckpointHasher hasher = CheckpointHasher.sequential();
    TrainingRegistry.TaskView view = flow.task(task.taskId());
    TaskBinding binding =
        TaskBinding.of(
            flow.suite().chain().chainId(),
            Address.fromHex(flow.suite().address(SuiteRoles.TRAINING_REGISTRY)),
            task.taskId(),
            Address.fromHex(cheater.getAddress()));
    try (WorkerPool workers = WorkerPool.singleThreaded();
        TrainingEngine engine = TrainingEngine.open(model.spec(), model.profile(), workers)) {
      Checkpoint parent = StateCheckpoints.initial(engine, model);
      if (!hasher.hash(parent).equals(Hash32.of(view.parent))) {
        throw new IllegalStateException("cheater's parent is not the model's initial checkpoint");
      }
      var result =
          new CheatingTrainer(model, training.trainingData(), hasher)
              .run(
                  engine,
                  binding,
                  parent,
                  DemoSetup.STEPS,
                  DemoSetup.SEGMENT_LENGTH,
                  dir.resolve("cheater").resolve("task-" + task.taskId()),
                  new Cheat.RandomWeights(7));
      String locator =
          new BundlePublisher(artifactsUri, hasher).publish(result.bundleDir(), store).toString();
      flow.commit(
          cheater,
          task.taskId(),
          result.manifest().root(),
          result.manifest().finalCheckpoint(),
          locator);
    }
    out.printf(
        "      cheater %s claimed task %s and committed random weights instead of training%n",
        cheater.getAddress(), task.taskId());
    return task.taskId();
  }

  private List<VerifierNode> startVerifiers(
      List<Credentials> verifiers, ModelDefinition model, TrainingStage training) throws Exception {
    return VerifierCluster.start(
        flow.suite(),
        verifiers,
        List.of(new ServedModel(model, training.trainingData())),
        dir,
        VerifierCluster.devnetSettings(DaemonSettings.DEFAULT_UNAVAILABLE_GRACE));
  }

  private TrainingRegistry.TaskView await(
      BigInteger task, String what, Predicate<TrainingRegistry.TaskView> done) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    TrainingRegistry.TaskView view = flow.task(task);
    while (!done.test(view)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "task "
                + task
                + ": no "
                + what
                + " within "
                + WAIT.toSeconds()
                + " s (status "
                + TaskStatus.fromChain(view.status).label()
                + "); verifier logs: run with -v");
      }
      Thread.sleep(100);
      view = flow.task(task);
    }
    return view;
  }

  private String honestTrainer(BigInteger task) throws Exception {
    return flow.task(task).trainer;
  }

  private BigInteger staked(String account) throws Exception {
    return flow.suite().stakeManager().stakeOf(account).send().component3();
  }

  private static String verdict(TrainingRegistry.TaskView view) {
    int v = view.verdict.intValueExact();
    return switch (v) {
      case 1 -> "VALID";
      case 2 -> "FRAUD at segment " + view.failingSegment;
      case 3 -> "UNAVAILABLE";
      default -> "none";
    };
  }

  private static String tokens(BigInteger baseUnits) {
    return new java.math.BigDecimal(baseUnits)
        .movePointLeft(18)
        .stripTrailingZeros()
        .toPlainString();
  }

  private void mineQuietly() {
    try {
      flow.devnet().mine();
    } catch (Exception e) {
      // The devnet is shutting down; the next tick or the stage's end stops the miner.
    }
  }
}
