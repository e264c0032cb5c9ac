package io.proofmint.settlement.keeper;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.settlement.db.Database;
import io.proofmint.settlement.escrow.EscrowReader;
import io.proofmint.settlement.escrow.VoucherInbox;
import io.proofmint.settlement.index.ChainIndexer;
import io.proofmint.settlement.index.IndexOutcome;
import io.proofmint.settlement.index.IndexTarget;
import io.proofmint.settlement.index.IndexedTask;
import io.proofmint.settlement.index.IndexerConfig;
import io.proofmint.settlement.index.IndexerMetrics;
import io.proofmint.settlement.index.TaskIndex;
import io.proofmint.settlement.index.Web3ChainSource;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.chain.ChainReader;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.tx.BroadcastHooks;
import io.proofmint.wrappers.tx.JournaledSender;
import io.proofmint.wrappers.tx.JournaledTx;
import io.proofmint.wrappers.tx.NodeCalls;
import io.proofmint.wrappers.tx.TxSubmitter;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;

/**
 * The settlement keeper: each pass reconciles its unresolved transactions, brings the index up to
 * date, then finalizes tasks whose challenge window has passed, pays their attesters, expires
 * abandoned tasks and redeems usage vouchers. Anyone may run it; every action is permissionless.
 *
 * <p>It never pays twice: the chain decides. Before each transaction the keeper re-reads the task
 * or channel from the chain and simulates the call; the transaction's intent is committed to the
 * journal before it is broadcast, and a subject with an unresolved intent gets nothing more until
 * the reconciler has settled it against the chain. And the contracts refuse a second payment
 * anyway: a task settles once, attester rewards are paid once, a voucher only pays above the
 * channel's redeemed total.
 */
public final class SettlementKeeper implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SettlementKeeper.class);

  private final ChainIndexer indexer;
  private final Database db;
  private final TaskIndex tasks = new TaskIndex();
  private final IntentJournal journal;
  private final TaskSettler settler;
  private final VoucherRedeemer redeemer;
  private final Dispatcher dispatcher;
  private final Reconciler reconciler;
  private final ChainTime chainTime;
  private final KeeperConfig config;
  private final ScheduledExecutorService executor;
  private final KeeperMetrics metrics;
  private final IndexerMetrics indexerMetrics;
  private ScheduledFuture<?> schedule;
  private volatile boolean healthy = true;
  private volatile KeeperReport lastReport;

  /** Reads the chain's current time: the latest block's timestamp. */
  @FunctionalInterface
  public interface ChainTime {
    long now() throws IOException;
  }

  public SettlementKeeper(
      ChainIndexer indexer,
      Database db,
      IntentJournal journal,
      TaskSettler settler,
      VoucherRedeemer redeemer,
      Dispatcher dispatcher,
      Reconciler reconciler,
      ChainTime chainTime,
      KeeperConfig config,
      ScheduledExecutorService executor,
      KeeperMetrics metrics,
      IndexerMetrics indexerMetrics) {
    this.indexer = indexer;
    this.db = db;
    this.journal = journal;
    this.settler = settler;
    this.redeemer = redeemer;
    this.dispatcher = dispatcher;
    this.reconciler = reconciler;
    this.chainTime = chainTime;
    this.config = config;
    this.executor = executor;
    this.metrics = metrics;
    this.indexerMetrics = indexerMetrics;
  }

  /**
   * Wires a keeper for the suite of {@code manifest}, signing as {@code signer}.
   *
   * @param hooks fault injection for tests; {@link SendHooks#NONE} otherwise
   * @param registry where the keeper's and its indexer's metrics register, both in the same one
   *     ({@link PrometheusRegistry#defaultRegistry} in {@code proofmint settlement run})
   */
  public static SettlementKeeper create(
      ChainConnection chain,
      DeploymentManifest manifest,
      Credentials signer,
      Database db,
      IndexerConfig indexerConfig,
      KeeperConfig config,
      Clock clock,
      ScheduledExecutorService executor,
      SendHooks hooks,
      PrometheusRegistry registry)
      throws SQLException {
    Suite suite = Suite.load(chain, manifest, signer);
    KeeperMetrics metrics = new KeeperMetrics(registry);
    IndexerMetrics indexerMetrics = new IndexerMetrics(registry);
    IntentJournal journal = new IntentJournal();
    TxSubmitter submitter =
        new TxSubmitter(
            chain.web3j(), signer, chain.chainId(), chain.receipts(), config.receiptTimeout());
    KeeperJournal txJournal = new KeeperJournal(db, journal, clock);
    JournaledSender<Intent, SQLException> sender =
        new JournaledSender<>(
            submitter,
            txJournal,
            tx -> submitter.await(tx.hash()),
            JournaledSender.Policy.REDECIDE,
            new BroadcastHooks<>() {
              @Override
              public void beforeBroadcast(JournaledTx<Intent> tx) {
                hooks.beforeBroadcast(tx.subject());
              }

              @Override
              public void afterBroadcast(JournaledTx<Intent> tx) {
                hooks.afterBroadcast(tx.subject());
              }
            },
            NodeCalls.direct());
    ChainReader reader = ChainReader.of(chain);
    ChainIndexer indexer =
        new ChainIndexer(
            new Web3ChainSource(reader),
            db,
            IndexTarget.of(manifest),
            indexerConfig,
            indexerMetrics);
    return new SettlementKeeper(
        indexer,
        db,
        journal,
        new TaskSettler(suite.registry(), config.expireTasks()),
        new VoucherRedeemer(
            db,
            new VoucherInbox(),
            new EscrowReader(chain.web3j(), suite.usageEscrow().getContractAddress()),
            suite.usageEscrow(),
            config,
            clock),
        new Dispatcher(sender, clock, metrics),
        new Reconciler(sender, txJournal, metrics),
        reader::latestTimestamp,
        config,
        executor,
        metrics,
        indexerMetrics);
  }

  /** Runs passes every {@code pollInterval} on the executor until {@link #close()}. */
  public void start() {
    start(report -> {});
  }

  /**
   * Like {@link #start()}, handing every pass that sent or resolved something to {@code listener}
   * (on the keeper's thread).
   */
  public synchronized void start(java.util.function.Consumer<KeeperReport> listener) {
    if (schedule != null) {
      throw new IllegalStateException("keeper already started");
    }
    LOG.info(
        "keeper started as {}: a pass every {} ms",
        dispatcher.sender(),
        config.pollInterval().toMillis());
    schedule =
        executor.scheduleWithFixedDelay(
            () -> scheduledPass(listener),
            0,
            config.pollInterval().toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /** One pass: reconcile, index, settle tasks, redeem vouchers. */
  public KeeperReport runOnce() throws IOException, SQLException {
    int reconciled = reconciler.reconcile();
    IndexOutcome index = indexer.catchUp(config.maxIndexSteps());
    long now = chainTime.now();
    Set<String> blocked = db.transaction(journal::blockedSubjects);
    int finalized = 0;
    int paid = 0;
    int expired = 0;
    int notNeeded = 0;
    int reverted = 0;
    List<IndexedTask> candidates = db.transaction(tasks::actionable);
    for (IndexedTask candidate : candidates) {
      if (blocked.contains(candidate.subject()) || !settler.nominated(candidate, now)) {
        continue;
      }
      IndexedTask task = candidate;
      // A finalize is followed at once by the attesters' payment, decided on the chain's new state.
      for (int step = 0; step < 2; step++) {
        Optional<PlannedTx> plan = settler.plan(task, now);
        if (plan.isEmpty()) {
          break;
        }
        Dispatch d = dispatcher.send(plan.get());
        switch (d.result()) {
          case MINED -> {
            switch (plan.get().kind()) {
              case FINALIZE -> finalized++;
              case CLAIM_REWARDS -> paid++;
              case EXPIRE -> expired++;
              default -> {}
            }
          }
          case NOT_NEEDED -> notNeeded++;
          case FAILED, REFUSED -> reverted++;
        }
        if (!d.succeeded() || plan.get().kind() != IntentKind.FINALIZE) {
          break;
        }
        task = withAttesters(task);
      }
    }
    int redeemed = 0;
    int batches = 0;
    Set<String> blockedNow = new HashSet<>(blocked);
    for (int i = 0; i < config.maxBatchesPerPass(); i++) {
      Optional<VoucherRedeemer.Batch> batch = redeemer.next(blockedNow, now);
      if (batch.isEmpty()) {
        break;
      }
      Dispatch d = dispatcher.send(batch.get().tx());
      blockedNow.addAll(batch.get().tx().subjects());
      if (d.succeeded()) {
        redeemed += batch.get().vouchers();
        batches++;
        metrics.vouchersRedeemed(batch.get().vouchers());
      } else if (d.result() == Dispatch.Result.NOT_NEEDED) {
        notNeeded++;
      } else {
        reverted++;
      }
    }
    KeeperReport report =
        new KeeperReport(
            index, reconciled, finalized, paid, expired, redeemed, batches, notNeeded, reverted);
    lastReport = report;
    return report;
  }

  private IndexedTask withAttesters(IndexedTask task) throws SQLException {
    return db.transaction(c -> tasks.task(c, task.taskId())).orElse(task);
  }

  private void scheduledPass(java.util.function.Consumer<KeeperReport> listener) {
    try {
      KeeperReport report = runOnce();
      metrics.pass(true);
      if (!healthy) {
        LOG.info("keeper recovered: the node and the database answer again");
        healthy = true;
      }
      if (report.didSomething()) {
        LOG.info("keeper pass: {}", report);
        listener.accept(report);
      }
    } catch (IOException e) {
      metrics.pass(false);
      if (healthy) {
        LOG.warn("keeper pass failed, will retry every pass: {}", e.toString());
        healthy = false;
      } else {
        LOG.debug("keeper pass failed again: {}", e.toString());
      }
    } catch (SQLException e) {
      metrics.pass(false);
      LOG.error("keeper pass failed on the database, will retry: {}", e.toString());
      healthy = false;
    } catch (RuntimeException e) {
      metrics.pass(false);
      LOG.error("keeper pass failed", e);
      healthy = false;
    }
  }

  /** False after a failed pass, until a pass succeeds again. */
  public boolean healthy() {
    return healthy;
  }

  public KeeperReport lastReport() {
    return lastReport;
  }

  public KeeperMetrics metrics() {
    return metrics;
  }

  public IndexerMetrics indexerMetrics() {
    return indexerMetrics;
  }

  public ChainIndexer indexer() {
    return indexer;
  }

  public String sender() {
    return dispatcher.sender();
  }

  /** Stops scheduling passes; a pass in progress finishes. The executor is the caller's. */
  @Override
  public synchronized void close() {
    if (schedule != null) {
      schedule.cancel(false);
      schedule = null;
    }
  }
}
