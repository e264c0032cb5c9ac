package io.proofmint.worker.role;

import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.task.LossCurve;
import io.proofmint.worker.task.ModelDefinition;
import io.proofmint.worker.task.StepListener;
import io.proofmint.worker.task.TrainingJob;
import io.proofmint.wrappers.ChainAccessException;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.StakeRole;
import io.proofmint.wrappers.registry.TaskStatus;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trainer's side of one task, safe to run again after any crash: it stakes if it must, claims
 * the task (or recognises its own claim), trains into a bundle that resumes where it stopped (a
 * finished bundle is not trained again), publishes the bundle, and commits the root through a
 * {@link RootCommitter}, which commits it once across runs even if the node went away mid-commit.
 */
public final class TrainerRole {

  private static final Logger LOG = LoggerFactory.getLogger(TrainerRole.class);

  /**
   * How the trainer's run ended.
   *
   * @param stepsTrainedNow steps this run trained (0 when it resumed from a finished bundle)
   * @param commit how the root came to be on the chain, and the transaction that put it there
   */
  public record Outcome(
      BigInteger taskId,
      Hash32 root,
      Hash32 finalCheckpoint,
      String locator,
      Path bundleDir,
      float firstLoss,
      float lastLoss,
      long stepsTrainedNow,
      RootCommitter.Committed commit) {

    /** Whether the commitment landed during this run (sent now or by an earlier run). */
    public boolean committedNow() {
      return commit.how() != RootCommitter.How.ALREADY_ON_CHAIN;
    }
  }

  private final Suite suite;
  private final ModelDefinition model;
  private final Examples data;
  private final TrainingEngine engine;
  private final ParentCheckpoints parents;
  private final BundlePublishing publishing;
  private final CheckpointHasher hasher;
  private final Path workDir;
  private final RootCommitter committer;

  /** A trainer committing through {@code suite}'s connection on the system clock. */
  public TrainerRole(
      Suite suite,
      ModelDefinition model,
      Examples data,
      TrainingEngine engine,
      ParentCheckpoints parents,
      BundlePublishing publishing,
      CheckpointHasher hasher,
      Path workDir) {
    this(
        suite,
        model,
        data,
        engine,
        parents,
        publishing,
        hasher,
        workDir,
        RootCommitter.of(suite, Clock.systemUTC()));
  }

  public TrainerRole(
      Suite suite,
      ModelDefinition model,
      Examples data,
      TrainingEngine engine,
      ParentCheckpoints parents,
      BundlePublishing publishing,
      CheckpointHasher hasher,
      Path workDir,
      RootCommitter committer) {
    this.suite = suite;
    this.model = model;
    this.data = data;
    this.engine = engine;
    this.parents = parents;
    this.publishing = publishing;
    this.hasher = hasher;
    this.workDir = workDir;
    this.committer = committer;
  }

  /** Runs task {@code taskId} to a commitment. */
  public Outcome run(BigInteger taskId, StepListener listener) throws Exception {
    String me = suite.account().getAddress();
    TrainingRegistry registry = suite.registry();
    TrainingRegistry.TaskView read =
        beforeTraining(taskId, "reading the task", () -> registry.getTask(taskId).send());
    beforeTraining(
        taskId,
        "reading the task's model",
        () -> {
          requireOurModel(taskId, read);
          return null;
        });
    TrainingRegistry.TaskView task = read;
    TaskStatus status = TaskStatus.fromChain(task.status);

    if (status == TaskStatus.OPEN) {
      BigInteger bond =
          beforeTraining(
              taskId,
              "reading the trainer bond",
              () -> registry.getRules(read.modelId).send().trainerBond);
      beforeTraining(
          taskId, "staking the trainer bond", () -> Staking.ensure(suite, StakeRole.TRAINER, bond));
      LOG.info("claiming task {}", taskId);
      task =
          beforeTraining(
              taskId,
              "claiming the task",
              () -> {
                registry.claimTask(taskId).send();
                return registry.getTask(taskId).send();
              });
      status = TaskStatus.fromChain(task.status);
    }
    if (!me.equalsIgnoreCase(task.trainer)) {
      throw new IllegalStateException(
          "task " + taskId + " is " + status.label() + " by " + task.trainer + ", not by " + me);
    }
    if (status != TaskStatus.CLAIMED && status != TaskStatus.COMMITTED) {
      throw new IllegalStateException(
          "task " + taskId + " is " + status.label() + ": nothing left for its trainer to do");
    }

    Hash32 parentHash = Hash32.of(task.parent);
    Checkpoint parent = parents.checkpoint(parentHash);
    TaskBinding binding =
        TaskBinding.of(
            suite.chain().chainId(),
            Address.fromHex(suite.address(SuiteRoles.TRAINING_REGISTRY)),
            taskId,
            Address.fromHex(me));
    BigInteger modelId = task.modelId;
    int k =
        beforeTraining(
            taskId,
            "reading the segment length",
            () -> registry.getRules(modelId).send().segmentLength.intValueExact());
    Path taskDir = workDir.resolve("task-" + taskId);
    StepCounter counting = new StepCounter(listener);
    TrainingJob.Result result =
        new TrainingJob(model, data, hasher)
            .run(
                engine,
                binding,
                parent,
                task.steps.longValueExact(),
                k,
                taskDir.resolve("bundle"),
                counting);
    LossCurve.writeCsv(result.records(), taskDir.resolve("loss.csv"));
    LossCurve.writePng(
        result.records(), model.name() + " - task " + taskId, taskDir.resolve("loss.png"));
    String locator = publishing.publish(result.bundleDir());
    RootCommitter.Committed commit =
        committer.commit(
            taskId,
            result.manifest(),
            locator,
            result.bundleDir(),
            taskDir.resolve(CommitJournal.FILE));
    var records = result.records();
    return new Outcome(
        taskId,
        result.manifest().root(),
        result.manifest().finalCheckpoint(),
        locator,
        result.bundleDir(),
        records.get(0).loss(),
        records.get(records.size() - 1).loss(),
        counting.steps,
        commit);
  }

  /** A chain call made before training starts. */
  @FunctionalInterface
  private interface ChainCall<T> {
    T call() throws Exception;
  }

  /**
   * Runs a chain call made before training; a node that cannot be reached, or fails the call,
   * becomes an error naming the task, the step and the endpoint, and saying how to resume.
   */
  private <T> T beforeTraining(BigInteger taskId, String doing, ChainCall<T> call)
      throws Exception {
    try {
      return call.call();
    } catch (UncheckedIOException e) {
      // web3j's gas and fee hooks cannot throw IOException, so ours wrap it.
      throw nodeFailure(taskId, doing, e.getCause());
    } catch (IOException e) {
      throw nodeFailure(taskId, doing, e);
    }
  }

  private ChainAccessException nodeFailure(BigInteger taskId, String doing, IOException e) {
    String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    String what =
        e instanceof ChainAccessException
            ? "RPC %s failed while %s: %s".formatted(suite.chain().rpcUrl(), doing, cause)
            : "RPC %s unreachable (%s) while %s".formatted(suite.chain().rpcUrl(), cause, doing);
    return new ChainAccessException(
        "task %s: %s; nothing was trained yet. Re-run to resume (the worker reads the task"
                .formatted(taskId, what)
            + " first: a stake or claim that landed is not sent again)",
        e);
  }

  /** Passes steps on and counts them: a run that resumed a finished bundle trained none. */
  private static final class StepCounter implements StepListener {
    private final StepListener next;
    private long steps;

    StepCounter(StepListener next) {
      this.next = next;
    }

    @Override
    public void stepDone(long step, float loss) {
      steps++;
      next.stepDone(step, loss);
    }
  }

  private void requireOurModel(BigInteger taskId, TrainingRegistry.TaskView task) throws Exception {
    Hash32 onChain = Hash32.of(suite.registry().getModel(task.modelId).send().specHash);
    if (!onChain.equals(model.specHash())) {
      throw new IllegalStateException(
          "task "
              + taskId
              + " is for model "
              + task.modelId
              + " with spec hash "
              + onChain
              + "; this worker's model definition '"
              + model.name()
              + "' has spec hash "
              + model.specHash());
    }
  }

  /** The first open task of a model with this worker's spec, if any. */
  public Optional<BigInteger> findOpenTask() throws Exception {
    return OpenTasks.find(suite, model.specHash());
  }
}
