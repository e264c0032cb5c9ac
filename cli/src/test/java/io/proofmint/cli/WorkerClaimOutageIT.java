package io.proofmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.testsupport.fault.RequestTrigger;
import io.proofmint.testsupport.fault.TcpProxy;
import io.proofmint.wrappers.registry.TaskStatus;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `proofmint worker` loses its node before training, as it claims the task: it fails with one line
 * naming the task, the step and the endpoint, having trained nothing, and a re-run once the node is
 * back claims, trains and commits once. (Losing the node at the commit: {@link
 * WorkerNodeOutageIT}.)
 */
class WorkerClaimOutageIT {

  @TempDir static Path state;
  private static WorkerFixture f;
  private static WorkerOutageChecks checks;

  @BeforeAll
  static void startChain() throws Exception {
    System.setProperty("proofmint.state.dir", state.toString());
    f = WorkerFixture.start("WorkerClaimOutageIT", state);
    checks = new WorkerOutageChecks(f, state);
  }

  @AfterAll
  static void stopChain() {
    if (f != null) {
      f.close();
    }
  }

  @Test
  void nodeUnreachableAsTheTaskIsClaimed_failsNamingTheStep_rerunClaimsTrainsAndCommits()
      throws Exception {
    BigInteger taskId = f.createTask(20);
    Path taskDir = checks.taskDir(taskId);
    try (TcpProxy proxy = new TcpProxy(f.devnet.port()).start()) {
      // The first request that carries the claim is its gas estimate: nothing has left yet.
      RequestTrigger cut = RequestTrigger.refuse(f.claimSelector());
      proxy.arm(cut);
      String[] worker = f.workerArgs(proxy.url(), "--task", taskId.toString());

      CliRun first = CliRun.of(worker);

      assertThat(proxy.hasTripped(cut)).isTrue();
      assertThat(first.exitCode()).as(first.out()).isNotZero();
      assertThat(first.err())
          .contains(
              "error: task " + taskId + ": RPC " + proxy.url(),
              " unreachable (",
              ") while claiming the task; nothing was trained yet. Re-run to resume");
      assertThat(checks.status(taskId)).isEqualTo(TaskStatus.OPEN);
      assertThat(taskDir.resolve("bundle")).doesNotExist();

      proxy.start();
      CliRun again = CliRun.of(worker);

      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(again.out()).contains("task " + taskId + ": 20 steps", "committed root ");
      assertThat(checks.status(taskId)).isEqualTo(TaskStatus.COMMITTED);
      assertThat(f.commitEvents(taskId)).hasSize(1);
    }
  }
}
