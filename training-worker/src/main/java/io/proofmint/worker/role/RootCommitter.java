package io.proofmint.worker.role;

import io.proofmint.protocol.bundle.BundleManifest;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.worker.role.CommitJournal.CommitOf;
import io.proofmint.wrappers.ChainAccessException;
import io.proofmint.wrappers.ReceiptPoller;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.TaskStatus;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.tx.BroadcastHooks;
import io.proofmint.wrappers.tx.FileTxJournal;
import io.proofmint.wrappers.tx.JournaledSender;
import io.proofmint.wrappers.tx.JournaledTx;
import io.proofmint.wrappers.tx.NodeCalls;
import io.proofmint.wrappers.tx.ResumeOutcome;
import io.proofmint.wrappers.tx.SendOutcome;
import io.proofmint.wrappers.tx.TxNode;
import io.proofmint.wrappers.tx.TxSubmitter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Puts a finished bundle's root on the chain once, across any number of runs. It reads the task
 * first (a task already committed with this root is left alone); it resolves a commit transaction
 * that an earlier run {@linkplain CommitJournal journaled} but never saw the receipt of (waiting
 * for it while the node still holds it, sending that same transaction again when the node does not
 * know it); and only then signs a new one, journaled before it leaves. The journal, broadcast and
 * resend steps are the shared {@link JournaledSender}'s ({@link
 * JournaledSender.Policy#LAND_JOURNALED}); this class adds the task's checks and the messages that
 * say what to do. When the node cannot be reached, the failure names the task, the root, the RPC
 * endpoint and the step, says whether a transaction may have left, and that a re-run resumes.
 */
public final class RootCommitter {

  private static final Logger LOG = LoggerFactory.getLogger(RootCommitter.class);

  static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  /** How the root came to be on the chain. */
  public enum How {
    /** The task already held this root when the run came to commit it. */
    ALREADY_ON_CHAIN,
    /** This run sent the commit transaction. */
    SENT_NOW,
    /** A transaction an earlier run sent (and lost sight of) landed during this run. */
    EARLIER_TRANSACTION_LANDED
  }

  /** The outcome: how, and the transaction that committed (empty if it was on chain already). */
  public record Committed(How how, Optional<String> txHash) {}

  @FunctionalInterface
  private interface Rpc<T> {
    T call() throws Exception;
  }

  private final TrainingRegistry registry;
  private final TxNode tx;
  private final URI rpcUrl;
  private final Clock clock;
  private final Duration receiptTimeout;
  private final Duration pollInterval;

  public RootCommitter(
      TrainingRegistry registry,
      TxNode tx,
      URI rpcUrl,
      Clock clock,
      Duration receiptTimeout,
      Duration pollInterval) {
    this.registry = registry;
    this.tx = tx;
    this.rpcUrl = rpcUrl;
    this.clock = clock;
    this.receiptTimeout = receiptTimeout;
    this.pollInterval = pollInterval;
  }

  /** Commits as {@code suite}'s account through its connection. */
  public static RootCommitter of(Suite suite, Clock clock) {
    return of(suite, clock, ReceiptPoller.DEFAULT_TIMEOUT);
  }

  /**
   * Commits as {@code suite}'s account, waiting up to {@code receiptTimeout} for the commit's
   * receipt before stopping (a re-run waits for the same transaction again).
   */
  public static RootCommitter of(Suite suite, Clock clock, Duration receiptTimeout) {
    if (receiptTimeout.isNegative() || receiptTimeout.isZero()) {
      throw new IllegalArgumentException(
          "receipt timeout: expected a positive duration, got " + receiptTimeout);
    }
    var chain = suite.chain();
    return new RootCommitter(
        suite.registry(),
        new TxSubmitter(
            chain.web3j(), suite.account(), chain.chainId(), chain.receipts(), receiptTimeout),
        chain.rpcUrl(),
        clock,
        receiptTimeout,
        POLL_INTERVAL);
  }

  /**
   * Commits {@code bundle}'s root with {@code locator} for task {@code taskId}.
   *
   * @param bundleDir the finished bundle (named in messages: it is kept whatever happens)
   * @param journalFile where the pending commit transaction is journaled ({@link CommitJournal})
   * @throws ChainAccessException if the node could not be reached or refused the transaction; the
   *     message says what to do (re-run to resume)
   */
  public Committed commit(
      BigInteger taskId, BundleManifest bundle, String locator, Path bundleDir, Path journalFile)
      throws IOException {
    Attempt a = new Attempt(taskId, bundle.root(), bundleDir, journalFile);
    FileTxJournal<CommitOf> journal = CommitJournal.at(journalFile);
    TrainingRegistry.TaskView task =
        a.beforeSending("reading the task", () -> registry.getTask(taskId).send());
    TaskStatus status = TaskStatus.fromChain(task.status);
    if (status != TaskStatus.CLAIMED) {
      if (status != TaskStatus.COMMITTED) {
        throw new IllegalStateException(
            a.what() + ": the task is " + status.label() + ", expected claimed or committed");
      }
      a.requireSameRoot(Hash32.of(task.root));
      journal.clear();
      LOG.info("task {} is already committed with root {}; not committing again", taskId, a.root);
      return new Committed(How.ALREADY_ON_CHAIN, Optional.empty());
    }
    JournaledSender<CommitOf, IOException> sender =
        new JournaledSender<>(
            tx,
            journal,
            pending -> awaitReceipt(a, pending),
            JournaledSender.Policy.LAND_JOURNALED,
            new BroadcastHooks<>() {
              @Override
              public void beforeBroadcast(JournaledTx<CommitOf> pending) {
                LOG.info(
                    "committing task {}: root {}, final checkpoint {}, transaction {} (nonce {})",
                    a.taskId,
                    a.root,
                    bundle.finalCheckpoint(),
                    pending.hash(),
                    pending.nonce());
              }
            },
            a.calls());
    Optional<JournaledTx<CommitOf>> earlier = journal.read();
    if (earlier.isPresent()) {
      Optional<Committed> landed = resume(a, sender, earlier.get());
      if (landed.isPresent()) {
        return landed.get();
      }
    }
    return send(a, sender, bundle, locator);
  }

  /** Settles an earlier run's transaction; empty when a new one must be sent. */
  private Optional<Committed> resume(
      Attempt a, JournaledSender<CommitOf, IOException> sender, JournaledTx<CommitOf> earlier)
      throws IOException {
    String hash = earlier.hash();
    ResumeOutcome<CommitOf> outcome = sender.resume(earlier);
    switch (outcome) {
      case ResumeOutcome.Dropped<CommitOf> dropped -> {
        LOG.warn(
            "{}: the node does not have transaction {} of an earlier run and refuses it again"
                + " ({}); signing a new one",
            a.what(),
            hash,
            dropped.reason());
        return Optional.empty();
      }
      case ResumeOutcome.Pending<CommitOf> pending ->
          throw new IllegalStateException(
              a.what() + ": transaction " + hash + " left pending; LAND_JOURNALED waits for it");
      case ResumeOutcome.Mined<CommitOf> mined -> {
        if (!mined.succeeded()) {
          LOG.warn(
              "{}: transaction {} of an earlier run reverted in block {}; signing a new one",
              a.what(),
              hash,
              mined.receipt().getBlockNumber());
          return Optional.empty();
        }
      }
    }
    a.requireSameRoot(earlier.subject().root());
    LOG.info("{}: transaction {} of an earlier run landed", a.what(), hash);
    return Optional.of(new Committed(How.EARLIER_TRANSACTION_LANDED, Optional.of(hash)));
  }

  private Committed send(
      Attempt a,
      JournaledSender<CommitOf, IOException> sender,
      BundleManifest bundle,
      String locator)
      throws IOException {
    String to = registry.getContractAddress();
    String data =
        registry
            .commit(a.taskId, a.root.bytes(), bundle.finalCheckpoint().bytes(), locator)
            .encodeFunctionCall();
    SendOutcome<CommitOf> outcome = sender.send(to, data, signed -> new CommitOf(a.taskId, a.root));
    return switch (outcome) {
      case SendOutcome.NotNeeded<CommitOf> reverts ->
          throw new IllegalStateException(
              a.what() + ": the registry would revert it: " + reverts.reason());
      case SendOutcome.Refused<CommitOf> refused ->
          throw new ChainAccessException(
              a.what()
                  + ": RPC "
                  + rpcUrl
                  + " refused transaction "
                  + refused.tx().hash()
                  + ": "
                  + refused.reason());
      case SendOutcome.Mined<CommitOf> mined -> {
        if (!mined.succeeded()) {
          throw new IllegalStateException(
              a.what()
                  + ": transaction "
                  + mined.tx().hash()
                  + " reverted in block "
                  + mined.receipt().getBlockNumber()
                  + "; nothing was committed");
        }
        yield new Committed(How.SENT_NOW, Optional.of(mined.tx().hash()));
      }
    };
  }

  private TransactionReceipt awaitReceipt(Attempt a, JournaledTx<?> pending) throws IOException {
    Instant deadline = clock.instant().plus(receiptTimeout);
    while (true) {
      Optional<TransactionReceipt> receipt =
          a.afterSending(pending, "waiting for the receipt of", () -> tx.receipt(pending.hash()));
      if (receipt.isPresent()) {
        return receipt.get();
      }
      if (clock.instant().isAfter(deadline)) {
        throw new ChainAccessException(
            a.what()
                + ": transaction "
                + pending.hash()
                + " (nonce "
                + pending.nonce()
                + ") has no receipt from RPC "
                + rpcUrl
                + " after "
                + receiptTimeout.toSeconds()
                + " s; it may still be mined. "
                + a.resumeHint(true));
      }
      try {
        Thread.sleep(pollInterval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException(
            a.what() + ": interrupted waiting for transaction " + pending.hash());
      }
    }
  }

  /** One commit attempt: what the messages name. */
  private final class Attempt {
    final BigInteger taskId;
    final Hash32 root;
    final Path bundleDir;
    final Path journal;

    Attempt(BigInteger taskId, Hash32 root, Path bundleDir, Path journal) {
      this.taskId = taskId;
      this.root = root;
      this.bundleDir = bundleDir;
      this.journal = journal;
    }

    String what() {
      return "commit of task " + taskId + " root " + root;
    }

    String resumeHint(boolean mayHaveLeft) {
      return "The finished bundle "
          + bundleDir
          + " is kept; re-run to resume (no retraining"
          + (mayHaveLeft
              ? "; the worker first checks whether this transaction landed, journal "
                  + journal
                  + ", and never commits twice)"
              : ")");
    }

    void requireSameRoot(Hash32 onChain) {
      if (!onChain.equals(root)) {
        throw new IllegalStateException(
            "task "
                + taskId
                + " is committed with root "
                + onChain
                + " but the local bundle's root is "
                + root
                + ": the bundle in "
                + bundleDir
                + " is not the committed one");
      }
    }

    /** A call made before any commit transaction left: a failure sent nothing. */
    <T> T beforeSending(String doing, Rpc<T> rpc) throws IOException {
      try {
        return rpc.call();
      } catch (IOException e) {
        throw new ChainAccessException(
            what() + ": " + failure(doing, e) + "; nothing was sent. " + resumeHint(false), e);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(what() + ": " + doing + " failed: " + e.getMessage(), e);
      }
    }

    /** How the shared sender makes its node calls: through the two guards above and below. */
    NodeCalls<CommitOf> calls() {
      return new NodeCalls<>() {
        @Override
        public <T> T beforeSending(String doing, NodeCall<T> call) throws IOException {
          return Attempt.this.beforeSending(doing, call::call);
        }

        @Override
        public <T> T afterSending(JournaledTx<CommitOf> pending, String doing, NodeCall<T> call)
            throws IOException {
          return Attempt.this.afterSending(pending, doing, call::call);
        }
      };
    }

    /** A call about {@code pending}, which may have reached the node: "{@code doing} tx". */
    <T> T afterSending(JournaledTx<?> pending, String doing, Rpc<T> rpc) throws IOException {
      try {
        return rpc.call();
      } catch (IOException e) {
        throw new ChainAccessException(
            what()
                + ": "
                + failure(
                    doing + " transaction " + pending.hash() + " (nonce " + pending.nonce() + ")",
                    e)
                + "; the transaction may have landed. "
                + resumeHint(true),
            e);
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(what() + ": " + doing + " failed: " + e.getMessage(), e);
      }
    }

    private String failure(String doing, IOException e) {
      String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (e instanceof ChainAccessException) {
        return "RPC " + rpcUrl + " failed while " + doing + ": " + cause;
      }
      return "RPC " + rpcUrl + " unreachable (" + cause + ") while " + doing;
    }
  }
}
