package io.proofmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.worker.engine.AdamConfig;
import io.proofmint.worker.engine.MlpSpec;
import io.proofmint.worker.engine.ReproducibilityProfile;
import io.proofmint.worker.engine.RuntimeFacts;
import io.proofmint.worker.engine.VerificationMode;
import io.proofmint.worker.task.ModelDefinition;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `proofmint dataset synth`, `deploy` and `worker` as an operator runs them, on anvil. */
class WorkerCommandIT {

  @TempDir Path state;

  @BeforeEach
  void isolateState() {
    System.setProperty("proofmint.state.dir", state.toString());
  }

  @Test
  void worker_trainsAndCommitsOnce_aRerunDoesNotCommitAgain_andAVerifierReplaysTheBundle()
      throws Exception {
    try (WorkerFixture f = WorkerFixture.start("WorkerCommandIT", state)) {
      assertThat(CliRun.of("dataset", "commit", f.datasetDir.toString()).out().strip())
          .isEqualTo(ModelDefinition.read(f.modelFile).datasetRoot().toHex());
      BigInteger taskId = f.createTask(40);

      String[] worker = f.workerArgs(f.rpc());
      CliRun first = CliRun.of(worker);
      assertThat(first.exitCode()).as(first.err()).isZero();
      assertThat(first.out()).contains("task " + taskId + ": 40 steps", "committed root 0x");

      CliRun again = CliRun.of(f.workerArgs(f.rpc(), "--task", taskId.toString()));
      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(again.out())
          .contains("bundle complete: nothing to train", "already committed root");
      assertThat(state.resolve("worker/task-" + taskId + "/loss.png")).isRegularFile();
      assertThat(state.resolve("worker/task-" + taskId + "/loss.csv")).isRegularFile();

      CliRun check =
          CliRun.of(
              "verifier",
              "check",
              state.resolve("worker/task-" + taskId + "/bundle").toString(),
              "--model",
              f.modelFile.toString(),
              "--dataset",
              f.datasetDir.toString(),
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
}
