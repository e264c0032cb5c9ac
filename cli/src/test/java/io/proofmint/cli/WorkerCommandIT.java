package io.proofmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.devnet.AnvilDevnet;
import io.proofmint.devnet.AnvilOptions;
import io.proofmint.devnet.DevnetControl;
import io.proofmint.devnet.flow.TaskFlow;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.worker.engine.AdamConfig;
import io.proofmint.worker.engine.MlpSpec;
import io.proofmint.worker.engine.ReproducibilityProfile;
import io.proofmint.worker.engine.RuntimeFacts;
import io.proofmint.worker.engine.TrainingStep;
import io.proofmint.worker.engine.VerificationMode;
import io.proofmint.worker.engine.WorkerPool;
import io.proofmint.worker.task.ModelDefinition;
import io.proofmint.worker.task.StateCheckpoints;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.suite.Suite;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `proofmint dataset synth`, `deploy` and `worker` as an operator runs them, on anvil. */
class WorkerCommandIT {

  private static final BigInteger E18 = BigInteger.TEN.pow(18);

  @TempDir Path state;

  @BeforeEach
  void isolateState() {
    System.setProperty("proofmint.state.dir", state.toString());
  }

  @Test
  void worker_trainsAndCommitsOnce_aRerunDoesNotCommitAgain_andAVerifierReplaysTheBundle()
      throws Exception {
    try (AnvilDevnet devnet =
        AnvilDevnet.start(
            AnvilOptions.defaults(Path.of("target/devnet-logs/WorkerCommandIT.log")))) {
      String rpc = devnet.rpcUrl().toString();
      Path datasetDir = state.resolve("data");
      CliRun synth =
          CliRun.of(
              "dataset",
              "synth",
              datasetDir.toString(),
              "--examples",
              "600",
              "--features",
              "16",
              "--classes",
              "4");
      assertThat(synth.exitCode()).as(synth.err()).isZero();
      Hash32 root = Hash32.fromHex(synth.out().strip());
      assertThat(CliRun.of("dataset", "commit", datasetDir.toString()).out().strip())
          .isEqualTo(root.toHex());
      CliRun deploy = CliRun.of("deploy", "--rpc", rpc);
      assertThat(deploy.exitCode()).as(deploy.err()).isZero();

      ModelDefinition model =
          new ModelDefinition(
              "it-mlp",
              MlpSpec.of(20, AdamConfig.withLearningRate(1e-2f), 16, 12, 4),
              ReproducibilityProfile.of(RuntimeFacts.probe(), 8, 16),
              VerificationMode.EXACT,
              3,
              root);
      Path modelFile = state.resolve("model.json");
      model.write(modelFile);
      BigInteger taskId;
      try (ChainConnection chain = ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(31337));
          WorkerPool one = WorkerPool.singleThreaded();
          TrainingStep engine = TrainingStep.open(model.spec(), model.profile(), one)) {
        DeploymentManifest manifest = DeploymentManifest.read(state.resolve("deployment.json"));
        TaskFlow flow =
            new TaskFlow(
                Suite.load(chain, manifest, devnet.fundedAccounts().get(0)),
                new DevnetControl(chain));
        Hash32 head = CheckpointHasher.sequential().hash(StateCheckpoints.initial(engine, model));
        TaskFlow.Model registered =
            flow.registerModel(
                devnet.fundedAccounts().get(1),
                model.specHash(),
                root,
                head,
                new TrainingRegistry.Rules(
                    BigInteger.TEN,
                    BigInteger.valueOf(2),
                    BigInteger.ONE,
                    BigInteger.TWO,
                    BigInteger.ZERO,
                    BigInteger.ZERO,
                    BigInteger.valueOf(3600),
                    BigInteger.valueOf(3600),
                    E18,
                    E18),
                "IT",
                "IT",
                E18);
        taskId =
            flow.createTask(devnet.fundedAccounts().get(1), registered.id(), 40, E18, E18, 3600)
                .id();
        flow.fundStake(devnet.fundedAccounts().get(2), E18.multiply(BigInteger.valueOf(200)));
      }

      String[] worker = {
        "worker",
        "--rpc",
        rpc,
        "--devnet-account",
        "2",
        "--model",
        modelFile.toString(),
        "--dataset",
        datasetDir.toString(),
        "--threads",
        "2"
      };
      CliRun first = CliRun.of(worker);
      assertThat(first.exitCode()).as(first.err()).isZero();
      assertThat(first.out()).contains("task " + taskId + ": 40 steps", "committed root 0x");

      CliRun again = CliRun.of(append(worker, "--task", taskId.toString()));
      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(again.out()).contains("already committed root");
      assertThat(state.resolve("worker/task-" + taskId + "/loss.png")).isRegularFile();
      assertThat(state.resolve("worker/task-" + taskId + "/loss.csv")).isRegularFile();

      CliRun check =
          CliRun.of(
              "verifier",
              "check",
              state.resolve("worker/task-" + taskId + "/bundle").toString(),
              "--model",
              modelFile.toString(),
              "--dataset",
              datasetDir.toString(),
              "--threads",
              "1");
      assertThat(check.exitCode()).as(check.err()).isZero();
      assertThat(check.out()).contains("VALID: 4 segment(s) replayed");
    }
  }

  @Test
  void worker_refusesAModelDefinitionWhoseDatasetIsNotTheGivenOne() throws Exception {
    Path a = state.resolve("a");
    CliRun.of(
        "dataset", "synth", a.toString(), "--examples", "100", "--features", "8", "--classes", "2");
    ModelDefinition model =
        new ModelDefinition(
            "wrong-data",
            MlpSpec.of(10, AdamConfig.defaults(), 8, 4, 2),
            ReproducibilityProfile.of(RuntimeFacts.probe()),
            VerificationMode.EXACT,
            1,
            Hash32.ZERO);
    model.write(state.resolve("m.json"));
    CliRun run =
        CliRun.of(
            "worker",
            "--rpc",
            "http://127.0.0.1:1",
            "--model",
            state.resolve("m.json").toString(),
            "--dataset",
            a.toString());
    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err()).contains("model 'wrong-data' trains on " + Hash32.ZERO.toHex());
  }

  private static String[] append(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
