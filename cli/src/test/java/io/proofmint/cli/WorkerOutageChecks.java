package io.proofmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.bundle.BundleReader;
import io.proofmint.protocol.bundle.BundleValidation;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Sha256;
import io.proofmint.wrappers.registry.TaskStatus;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * What the worker outage ITs check after a run the node went away from: the task on the chain, the
 * bundle and journal on disk, the transaction the worker named; and one way to use the trainer's
 * nonce behind the worker's back.
 */
final class WorkerOutageChecks {

  private static final Pattern TX_HASH = Pattern.compile("transaction (0x[0-9a-f]{64})");

  private final WorkerFixture f;
  private final Path state;

  /**
   * @param state the workspace state directory the worker runs in
   */
  WorkerOutageChecks(WorkerFixture f, Path state) {
    this.f = f;
    this.state = state;
  }

  Path taskDir(BigInteger taskId) {
    return state.resolve("worker/task-" + taskId);
  }

  TaskStatus status(BigInteger taskId) throws Exception {
    return TaskStatus.fromChain(f.task(taskId).status);
  }

  /** The bundle validates completely (every checkpoint re-hashed); returns its root. */
  static Hash32 validBundleRoot(Path taskDir) throws IOException {
    BundleValidation validation =
        new BundleReader(CheckpointHasher.sequential()).validate(taskDir.resolve("bundle"));
    assertThat(validation.isValid()).as(validation.toString()).isTrue();
    return validation.bundle().root();
  }

  /** No temporary file of an interrupted write is left anywhere in the task's directory. */
  static void assertNothingHalfWritten(Path taskDir) throws IOException {
    try (Stream<Path> files = Files.walk(taskDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
    assertThat(taskDir.resolve("loss.csv")).isNotEmptyFile();
    assertThat(taskDir.resolve("loss.png")).isNotEmptyFile();
  }

  /** The task is committed with {@code root}, by exactly one event, from {@code txHash}. */
  void assertCommittedOnce(BigInteger taskId, Hash32 root, String txHash) throws Exception {
    var events = f.commitEvents(taskId);
    assertThat(events).hasSize(1);
    assertThat(Hash32.of(events.get(0).root)).isEqualTo(root);
    assertThat(events.get(0).log.getTransactionHash()).isEqualTo(txHash);
    assertThat(status(taskId)).isEqualTo(TaskStatus.COMMITTED);
    assertThat(Hash32.of(f.task(taskId).root)).isEqualTo(root);
  }

  /** The first transaction hash the text names. */
  static String txHashIn(String text) {
    Matcher m = TX_HASH.matcher(text);
    assertThat(m.find()).as("a transaction hash in: %s", text).isTrue();
    return m.group(1);
  }

  /** Every file under {@code dir} and a digest of its bytes. */
  static Map<String, String> contents(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), Sha256.hash(Files.readAllBytes(p)).toHex());
      }
    }
    return out;
  }

  void awaitStatus(BigInteger taskId, TaskStatus expected) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (status(taskId) != expected) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("task " + taskId + " never became " + expected.label());
      }
      Thread.sleep(50);
    }
  }

  /**
   * A zero-value transfer from the trainer to itself with {@code nonce}, sent straight to anvil;
   * returns once it is mined.
   */
  void spendNonce(long nonce) throws Exception {
    var web3j = f.chain.web3j();
    RawTransaction transfer =
        RawTransaction.createEtherTransaction(
            BigInteger.valueOf(nonce),
            web3j.ethGasPrice().send().getGasPrice(),
            BigInteger.valueOf(21_000),
            f.trainer().getAddress(),
            BigInteger.ZERO);
    byte[] signed = TransactionEncoder.signMessage(transfer, f.devnet.chainId(), f.trainer());
    var sent = web3j.ethSendRawTransaction(Numeric.toHexString(signed)).send();
    if (sent.hasError()) {
      throw new IllegalStateException("self-transfer refused: " + sent.getError().getMessage());
    }
    Instant deadline = Instant.now().plusSeconds(30);
    while (f.trainerNonce() <= nonce) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("trainer nonce still at most " + nonce);
      }
      Thread.sleep(50);
    }
  }
}
