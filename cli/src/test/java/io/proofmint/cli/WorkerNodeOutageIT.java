package io.proofmint.cli;

import static io.proofmint.cli.WorkerOutageChecks.assertNothingHalfWritten;
import static io.proofmint.cli.WorkerOutageChecks.contents;
import static io.proofmint.cli.WorkerOutageChecks.txHashIn;
import static io.proofmint.cli.WorkerOutageChecks.validBundleRoot;
import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.devnet.DevnetControl;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.testsupport.fault.RequestTrigger;
import io.proofmint.testsupport.fault.TcpProxy;
import io.proofmint.worker.role.CommitJournal;
import io.proofmint.wrappers.registry.TaskStatus;
import io.proofmint.wrappers.tx.JournaledTx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `proofmint worker` reaches anvil through a TCP proxy that takes the node away at the moment the
 * worker commits its root: before the commit transaction is sent, while it is on its way, and after
 * the node took it but before its answer came back. Each time the worker fails with an error that
 * names the task, the root, the RPC endpoint and the step; the finished bundle stays valid on disk;
 * and a re-run once the node is back resumes from the bundle without training and leaves exactly
 * one commitment of the task on the chain, from exactly one commit transaction (a new one if the
 * account spent the lost one's nonce meanwhile). A connection that only breaks, with the node still
 * up, costs no re-run at all. (Losing the node before training: {@link WorkerClaimOutageIT}.)
 */
class WorkerNodeOutageIT {

  @TempDir static Path state;
  private static WorkerFixture f;
  private static WorkerOutageChecks checks;

  @BeforeAll
  static void startChain() throws Exception {
    System.setProperty("proofmint.state.dir", state.toString());
    f = WorkerFixture.start("WorkerNodeOutageIT", state);
    checks = new WorkerOutageChecks(f, state);
  }

  @AfterAll
  static void stopChain() {
    if (f != null) {
      f.close();
    }
  }

  @BeforeEach
  void useTheSharedState() {
    System.setProperty("proofmint.state.dir", state.toString());
  }

  @Test
  void nodeUnreachableAsTheCommitIsAboutToBeSent_failsSayingNothingWasSent_rerunCommitsOnce()
      throws Exception {
    BigInteger taskId = f.createTask(40);
    Path taskDir = checks.taskDir(taskId);
    try (TcpProxy proxy = new TcpProxy(f.devnet.port()).start()) {
      // The first request that carries the commit call is its gas estimate: nothing has left yet.
      RequestTrigger cut = RequestTrigger.refuse(f.commitSelector());
      proxy.arm(cut);
      String[] worker = f.workerArgs(proxy.url(), "--task", taskId.toString());

      CliRun first = CliRun.of(worker);

      assertThat(proxy.hasTripped(cut)).isTrue();
      assertThat(first.exitCode()).as(first.out()).isNotZero();
      assertThat(first.out()).contains("task " + taskId + ": 40 steps");
      Hash32 root = validBundleRoot(taskDir);
      assertThat(first.err())
          .contains(
              "error: commit of task " + taskId + " root " + root + ": RPC " + proxy.url(),
              " unreachable (",
              ") while estimating its gas",
              "nothing was sent",
              "The finished bundle " + taskDir.resolve("bundle") + " is kept; re-run to resume");
      assertNothingHalfWritten(taskDir);
      assertThat(taskDir.resolve(CommitJournal.FILE)).doesNotExist();
      assertThat(checks.status(taskId)).isEqualTo(TaskStatus.CLAIMED);
      assertThat(f.commitEvents(taskId)).isEmpty();
      Map<String, String> bundleFiles = contents(taskDir.resolve("bundle"));
      long nonce = f.trainerNonce();

      proxy.start();
      CliRun again = CliRun.of(worker);

      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(again.out())
          .contains(
              "bundle complete: nothing to train", "committed root " + root + " in transaction")
          .doesNotContain("already committed");
      assertThat(contents(taskDir.resolve("bundle"))).isEqualTo(bundleFiles);
      checks.assertCommittedOnce(taskId, root, txHashIn(again.out()));
      assertThat(f.trainerNonce()).as("one commit transaction").isEqualTo(nonce + 1);
      assertThat(taskDir.resolve(CommitJournal.FILE)).doesNotExist();
    }
  }

  @Test
  void commitReachesTheNodeButItsAnswerIsLost_failsNamingTheTransaction_rerunSendsNothing()
      throws Exception {
    BigInteger taskId = f.createTask(40);
    Path taskDir = checks.taskDir(taskId);
    try (TcpProxy proxy = new TcpProxy(f.devnet.port()).start()) {
      RequestTrigger cut =
          RequestTrigger.dropResponse("eth_sendRawTransaction", f.commitSelector());
      proxy.arm(cut);
      String[] worker = f.workerArgs(proxy.url(), "--task", taskId.toString());

      CliRun first = CliRun.of(worker);

      assertThat(proxy.hasTripped(cut)).isTrue();
      assertThat(first.exitCode()).as(first.out()).isNotZero();
      Hash32 root = validBundleRoot(taskDir);
      String tx = txHashIn(first.err());
      assertThat(first.err())
          .contains(
              "error: commit of task " + taskId + " root " + root + ": RPC " + proxy.url(),
              " unreachable (",
              ") while sending transaction " + tx,
              "the transaction may have landed",
              "re-run to resume",
              "never commits twice");
      assertNothingHalfWritten(taskDir);
      assertThat(CommitJournal.at(taskDir.resolve(CommitJournal.FILE)).read())
          .hasValueSatisfying(p -> assertThat(p.hash()).isEqualTo(tx));
      checks.awaitStatus(taskId, TaskStatus.COMMITTED); // the node took it and mined it
      checks.assertCommittedOnce(taskId, root, tx);
      Map<String, String> bundleFiles = contents(taskDir.resolve("bundle"));
      long nonce = f.trainerNonce();

      proxy.start();
      CliRun again = CliRun.of(worker);

      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(again.out())
          .contains("bundle complete: nothing to train", "already committed root " + root);
      assertThat(f.trainerNonce()).as("no second transaction").isEqualTo(nonce);
      checks.assertCommittedOnce(taskId, root, tx);
      assertThat(contents(taskDir.resolve("bundle"))).isEqualTo(bundleFiles);
      assertThat(taskDir.resolve(CommitJournal.FILE)).doesNotExist();
    }
  }

  @Test
  void commitLostOnItsWayToTheNode_rerunSendsThatSameTransaction_once() throws Exception {
    BigInteger taskId = f.createTask(40);
    Path taskDir = checks.taskDir(taskId);
    try (TcpProxy proxy = new TcpProxy(f.devnet.port()).start()) {
      RequestTrigger cut = RequestTrigger.refuse("eth_sendRawTransaction", f.commitSelector());
      proxy.arm(cut);
      String[] worker = f.workerArgs(proxy.url(), "--task", taskId.toString());

      CliRun first = CliRun.of(worker);

      assertThat(proxy.hasTripped(cut)).isTrue();
      assertThat(first.exitCode()).as(first.out()).isNotZero();
      Hash32 root = validBundleRoot(taskDir);
      String tx = txHashIn(first.err());
      assertThat(first.err())
          .contains(
              "commit of task " + taskId + " root " + root,
              "RPC " + proxy.url() + " unreachable (",
              ") while sending transaction " + tx,
              "re-run to resume");
      assertNothingHalfWritten(taskDir);
      assertThat(checks.status(taskId)).isEqualTo(TaskStatus.CLAIMED);
      assertThat(f.commitEvents(taskId)).isEmpty();
      long nonce = f.trainerNonce();

      proxy.start();
      CliRun again = CliRun.of(worker);

      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(again.out())
          .contains(
              "bundle complete: nothing to train",
              "committed root " + root + " in transaction " + tx + " (sent by an earlier run)");
      checks.assertCommittedOnce(taskId, root, tx);
      assertThat(f.trainerNonce()).as("one commit transaction").isEqualTo(nonce + 1);
      assertThat(taskDir.resolve(CommitJournal.FILE)).doesNotExist();
    }
  }

  @Test
  void commitLostOnItsWay_andItsNonceUsedMeanwhile_rerunSignsANewCommit_once() throws Exception {
    BigInteger taskId = f.createTask(20);
    Path taskDir = checks.taskDir(taskId);
    Path journal = taskDir.resolve(CommitJournal.FILE);
    try (TcpProxy proxy = new TcpProxy(f.devnet.port()).start()) {
      RequestTrigger cut = RequestTrigger.refuse("eth_sendRawTransaction", f.commitSelector());
      proxy.arm(cut);
      String[] worker = f.workerArgs(proxy.url(), "--task", taskId.toString());

      CliRun first = CliRun.of(worker);

      assertThat(proxy.hasTripped(cut)).isTrue();
      assertThat(first.exitCode()).as(first.out()).isNotZero();
      Hash32 root = validBundleRoot(taskDir);
      String lost = txHashIn(first.err());
      JournaledTx<CommitJournal.CommitOf> journaled =
          CommitJournal.at(journal).read().orElseThrow();
      assertThat(journaled.hash()).isEqualTo(lost);
      // The trainer's account spends the journaled nonce on something else (another tool, say):
      // the lost commit can never be mined now, and the node refuses it if it is sent again.
      checks.spendNonce(journaled.nonce());
      assertThat(f.trainerNonce()).isEqualTo(journaled.nonce() + 1);

      proxy.start();
      CliRun again = CliRun.of(worker);

      assertThat(again.exitCode()).as(again.err()).isZero();
      String tx = txHashIn(again.out());
      assertThat(tx).isNotEqualTo(lost);
      assertThat(again.out())
          .contains(
              "bundle complete: nothing to train",
              "committed root " + root + " in transaction " + tx)
          .doesNotContain("sent by an earlier run");
      checks.assertCommittedOnce(taskId, root, tx);
      assertThat(f.trainerNonce())
          .as("one new commit transaction")
          .isEqualTo(journaled.nonce() + 2);
      assertThat(journal).doesNotExist();
    }
  }

  @Test
  void commitStillPendingWhenTheWorkerIsRerun_rerunWaitsForItInsteadOfSendingASecond()
      throws Exception {
    BigInteger taskId = f.createTask(40);
    Path taskDir = checks.taskDir(taskId);
    DevnetControl node = new DevnetControl(f.chain);
    try (TcpProxy proxy = new TcpProxy(f.devnet.port()).start()) {
      // The node takes the commit into its pool but mines nothing until told to.
      RequestTrigger cut =
          RequestTrigger.dropResponse("eth_sendRawTransaction", f.commitSelector())
              .withAction(() -> unchecked(() -> node.setAutomine(false)));
      proxy.arm(cut);
      String[] worker = f.workerArgs(proxy.url(), "--task", taskId.toString());

      CliRun first = CliRun.of(worker);

      assertThat(proxy.hasTripped(cut)).isTrue();
      assertThat(first.exitCode()).as(first.out()).isNotZero();
      Hash32 root = validBundleRoot(taskDir);
      String tx = txHashIn(first.err());
      assertThat(checks.status(taskId)).as("still pending").isEqualTo(TaskStatus.CLAIMED);
      long nonce = f.trainerNonce();

      // The block with the pending commit is mined only once the re-run asks the node about it.
      RequestTrigger mineWhenAsked =
          RequestTrigger.observe(
              () -> unchecked(node::mine), "eth_getTransactionByHash", tx.substring(2));
      proxy.arm(mineWhenAsked);
      proxy.start();
      CliRun again = CliRun.of(worker);

      assertThat(proxy.hasTripped(mineWhenAsked))
          .as("the re-run looked for the pending tx")
          .isTrue();
      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(again.out())
          .contains(
              "bundle complete: nothing to train",
              "committed root " + root + " in transaction " + tx + " (sent by an earlier run)");
      checks.assertCommittedOnce(taskId, root, tx);
      assertThat(f.trainerNonce()).as("only the pending commit was mined").isEqualTo(nonce + 1);
    } finally {
      node.setAutomine(true);
    }
  }

  @Test
  void connectionResetWithTheCommitsAnswer_nodeStillUp_workerFindsItsTransactionAndSucceeds()
      throws Exception {
    BigInteger taskId = f.createTask(40);
    Path taskDir = checks.taskDir(taskId);
    try (TcpProxy proxy = new TcpProxy(f.devnet.port()).start()) {
      // The HTTP client sends the request again on a new connection; the node, which already took
      // the transaction, refuses the repeat ("nonce too low" once it is mined).
      RequestTrigger reset =
          RequestTrigger.resetConnection("eth_sendRawTransaction", f.commitSelector());
      proxy.arm(reset);

      CliRun run = CliRun.of(f.workerArgs(proxy.url(), "--task", taskId.toString()));

      assertThat(proxy.hasTripped(reset)).isTrue();
      assertThat(run.exitCode()).as(run.err()).isZero();
      Hash32 root = validBundleRoot(taskDir);
      String tx = txHashIn(run.out());
      assertThat(run.out()).contains("committed root " + root + " in transaction " + tx);
      checks.assertCommittedOnce(taskId, root, tx);
      assertThat(taskDir.resolve(CommitJournal.FILE)).doesNotExist();
    }
  }

  @FunctionalInterface
  private interface IoAction {
    void run() throws IOException;
  }

  private static void unchecked(IoAction action) {
    try {
      action.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
