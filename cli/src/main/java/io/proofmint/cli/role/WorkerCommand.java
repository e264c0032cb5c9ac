package io.proofmint.cli.role;

import io.proofmint.cli.ProgressLine;
import io.proofmint.cli.Workspace;
import io.proofmint.cli.config.ConfigOption;
import io.proofmint.devnet.ExternalNode;
import io.proofmint.protocol.artifacts.BundlePublisher;
import io.proofmint.protocol.artifacts.LocalArtifactStore;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.dataset.Dataset;
import io.proofmint.protocol.dataset.DatasetWriter;
import io.proofmint.protocol.dataset.Examples;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.engine.WorkerPool;
import io.proofmint.worker.role.KnownCheckpoints;
import io.proofmint.worker.role.RootCommitter;
import io.proofmint.worker.role.TrainerRole;
import io.proofmint.worker.task.DatasetExamples;
import io.proofmint.worker.task.ModelDefinition;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.suite.Suite;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `proofmint worker`: take a training task, train it, publish the proof and commit it. */
@Command(
    name = "worker",
    footer = {
      "",
      "Example:",
      "  proofmint worker --model model.json --dataset data --keystore trainer.json \\",
      "      --password-file pw --rpc http://127.0.0.1:8545 \\",
      "      --artifacts-url http://127.0.0.1:8547"
    },
    mixinStandardHelpOptions = true,
    description =
        "Train one task of a model this worker can reproduce: stake if needed, claim the task (the first open one, or --task), train with a progress line, checkpoint every k steps into a proof bundle, publish it to the artifact store and commit its root. Safe to re-run after a crash or a node outage: training resumes from the last checkpoint (a finished bundle is not trained again), and a commit sent before the node went away is found, not repeated.")
public final class WorkerCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin ConfigOption config;
  @Mixin ChainRoleOptions role;

  @Option(
      names = "--model",
      required = true,
      paramLabel = "FILE",
      description = "The model definition (JSON) whose spec hash the registry holds.")
  Path model;

  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "DIR",
      description = "The committed dataset (a directory with dataset.json).")
  Path dataset;

  @Option(
      names = "--task",
      paramLabel = "ID",
      description = "The task to train (default: the first open one).")
  BigInteger task;

  @Option(
      names = "--artifacts-dir",
      paramLabel = "DIR",
      description = "Artifact store to publish into (default: .proofmint/artifacts).")
  Path artifactsDir;

  @Option(
      names = "--artifacts-url",
      paramLabel = "URL",
      defaultValue = "http://127.0.0.1:8547",
      description =
          "Base URL where that store is served (`proofmint artifacts serve`); it goes into the"
              + " committed locator (default: ${DEFAULT-VALUE}).")
  URI artifactsUrl;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Training threads (default: all cores; the proof does not depend on it). One fewer than"
              + " the cores leaves checkpoint recording a core of its own (docs/benchmarks.md).")
  Integer threads;

  @Option(
      names = "--receipt-timeout-seconds",
      paramLabel = "S",
      defaultValue = "300",
      description =
          "How long to wait for the commit transaction's receipt before stopping; a re-run waits"
              + " for the same transaction again (default: ${DEFAULT-VALUE}).")
  long receiptTimeoutSeconds;

  @Override
  public Integer call() throws Exception {
    if (receiptTimeoutSeconds <= 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--receipt-timeout-seconds: expected a positive number of seconds, got "
              + receiptTimeoutSeconds);
    }
    Workspace workspace = Workspace.locate();
    PrintWriter out = spec.commandLine().getOut();
    ModelDefinition definition = ModelDefinition.read(model);
    Dataset data = Dataset.load(dataset.resolve(DatasetWriter.MANIFEST));
    if (!data.commitment().root().equals(definition.datasetRoot())) {
      throw new IllegalArgumentException(
          "dataset "
              + dataset
              + " has root "
              + data.commitment().root()
              + "; model '"
              + definition.name()
              + "' trains on "
              + definition.datasetRoot());
    }
    Examples examples = DatasetExamples.of(data, definition.spec().classCount());
    ExternalNode node = role.connect(workspace);
    CheckpointHasher hasher = CheckpointHasher.sequential();
    LocalArtifactStore store =
        new LocalArtifactStore(
            artifactsDir != null ? artifactsDir : workspace.dir().resolve("artifacts"));
    int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    try (ChainConnection chain =
            ChainConnection.open(node.rpcUrl(), OptionalLong.of(node.chainId()));
        WorkerPool workers = WorkerPool.create(threadCount);
        // Refuses, saying why, when this process cannot reproduce the model's profile.
        TrainingEngine engine =
            TrainingEngine.open(definition.spec(), definition.profile(), workers)) {
      DeploymentManifest deployment = DeploymentManifest.read(role.manifest(workspace));
      Suite suite = Suite.load(chain, deployment, role.signer(node));
      TrainerRole role =
          new TrainerRole(
              suite,
              definition,
              examples,
              engine,
              new KnownCheckpoints(definition, engine, store, hasher),
              bundle -> new BundlePublisher(artifactsUrl, hasher).publish(bundle, store).toString(),
              hasher,
              workspace.dir().resolve("worker"),
              RootCommitter.of(
                  suite, Clock.systemUTC(), Duration.ofSeconds(receiptTimeoutSeconds)));
      BigInteger taskId = task;
      if (taskId == null) {
        taskId =
            role.findOpenTask()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "no open task for model '"
                                + definition.name()
                                + "' (spec "
                                + definition.specHash()
                                + ")"));
      }
      long steps = suite.registry().getTask(taskId).send().steps.longValueExact();
      out.printf(
          "task %s: %d steps on %d thread(s) as %s%n",
          taskId, steps, threadCount, suite.account().getAddress());
      ProgressLine progress = new ProgressLine(out, "  ", steps);
      TrainerRole.Outcome outcome = role.run(taskId, progress);
      progress.finish();
      if (outcome.stepsTrainedNow() == 0) {
        out.println("bundle complete: nothing to train");
      }
      out.printf("loss %.4f -> %.4f%n", outcome.firstLoss(), outcome.lastLoss());
      out.printf(
          "%s root %s%s%nlocator %s%nbundle %s%n",
          outcome.committedNow() ? "committed" : "already committed",
          outcome.root(),
          describe(outcome.commit()),
          outcome.locator(),
          outcome.bundleDir());
    }
    return 0;
  }

  private static String describe(RootCommitter.Committed commit) {
    return switch (commit.how()) {
      case ALREADY_ON_CHAIN -> "";
      case SENT_NOW -> " in transaction " + commit.txHash().orElseThrow();
      case EARLIER_TRANSACTION_LANDED ->
          " in transaction " + commit.txHash().orElseThrow() + " (sent by an earlier run)";
    };
  }
}
