package io.proofmint.systemtests.settlement;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.cli.flow.SyntheticCommitment;
import io.proofmint.cli.flow.TaskFlow;
import io.proofmint.devnet.AnvilDevnet;
import io.proofmint.devnet.AnvilOptions;
import io.proofmint.devnet.DevnetControl;
import io.proofmint.devnet.SuiteDeployer;
import io.proofmint.devnet.SuiteParameters;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.settlement.db.Database;
import io.proofmint.settlement.escrow.SignedVoucher;
import io.proofmint.settlement.escrow.Voucher;
import io.proofmint.settlement.escrow.VoucherDomain;
import io.proofmint.settlement.escrow.VoucherInbox;
import io.proofmint.settlement.index.IndexerConfig;
import io.proofmint.settlement.keeper.KeeperConfig;
import io.proofmint.settlement.keeper.SendHooks;
import io.proofmint.settlement.keeper.SettlementKeeper;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.ContractArtifacts;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.chain.ChainReader;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.StakeRole;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * An anvil with the suite deployed and the roles settlement tests need: accounts 0 deployer, 1
 * model owner, 2-4 trainers, 5-7 verifiers, 8 keeper, 9 treasury, 10 verifier pool, 11 and up users
 * and holders. Helpers drive tasks to the states a keeper acts on.
 */
final class SettlementFixture implements AutoCloseable {

  static final BigInteger E18 = BigInteger.TEN.pow(18);
  static final BigInteger E6 = BigInteger.TEN.pow(6);
  static final long WINDOW = 3_600;

  final AnvilDevnet devnet;
  final ChainConnection chain;
  final DeploymentManifest manifest;
  final Path manifestFile;
  final Suite admin;
  final TaskFlow flow;
  final List<Credentials> acc;
  final VoucherDomain vouchers;
  private int stakedTrainers;
  private boolean verifiersStaked;

  private SettlementFixture(
      AnvilDevnet devnet,
      ChainConnection chain,
      DeploymentManifest manifest,
      Path manifestFile,
      List<Credentials> acc) {
    this.devnet = devnet;
    this.chain = chain;
    this.manifest = manifest;
    this.manifestFile = manifestFile;
    this.acc = acc;
    this.admin = Suite.load(chain, manifest, acc.get(0));
    this.flow = new TaskFlow(admin, new DevnetControl(chain));
    this.vouchers =
        new VoucherDomain(chain.chainId(), Address.fromHex(admin.address(SuiteRoles.USAGE_ESCROW)));
  }

  static SettlementFixture start(String name, Path dir, int accounts) throws Exception {
    AnvilDevnet devnet =
        AnvilDevnet.start(
            new AnvilOptions(
                31337,
                accounts,
                0,
                Path.of("target", "devnet-logs", name + ".log"),
                Duration.ofSeconds(30)));
    try {
      ChainConnection chain = ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(31337));
      List<Credentials> acc = devnet.fundedAccounts();
      Path manifestFile = dir.resolve("deployment.json");
      DeploymentManifest manifest =
          new SuiteDeployer(
                  chain,
                  acc.get(0),
                  ContractArtifacts.load(),
                  SuiteParameters.devnetDefaults(acc.get(9).getAddress(), acc.get(10).getAddress()),
                  Clock.systemUTC(),
                  s -> {})
              .deploy(manifestFile);
      return new SettlementFixture(devnet, chain, manifest, manifestFile, acc);
    } catch (Exception e) {
      devnet.close();
      throw e;
    }
  }

  Credentials owner() {
    return acc.get(1);
  }

  Credentials trainer(int i) {
    return acc.get(2 + i);
  }

  List<Credentials> verifiers() {
    return List.of(acc.get(5), acc.get(6), acc.get(7));
  }

  Credentials keeper() {
    return acc.get(8);
  }

  String treasury() {
    return acc.get(9).getAddress();
  }

  Credentials user(int i) {
    return acc.get(11 + i);
  }

  TaskFlow.Model registerModel(String symbol, BigInteger supply) throws Exception {
    return flow.registerModel(
        owner(),
        Keccak.hashUtf8("spec " + symbol),
        Keccak.hashUtf8("dataset"),
        Keccak.hashUtf8("head " + symbol),
        rules(),
        "Model " + symbol,
        symbol,
        supply);
  }

  /** A task claimed by trainer {@code t} (staked on first use), committed, seeded, attested. */
  BigInteger attestedTask(TaskFlow.Model model, int t, BigInteger reward, BigInteger fee)
      throws Exception {
    BigInteger id = committedTask(model, t, reward, fee);
    flow.drawSeed(verifiers().get(0), id);
    stakeVerifiers();
    flow.attestValid(verifiers().get(0), id, verifiers());
    return id;
  }

  BigInteger committedTask(TaskFlow.Model model, int t, BigInteger reward, BigInteger fee)
      throws Exception {
    BigInteger id = claimedTask(model, t, reward, fee);
    Credentials trainer = trainer(t);
    Hash32 head = Hash32.of(admin.registry().getModel(model.id()).send().head);
    SyntheticCommitment commitment =
        SyntheticCommitment.of(
            TaskBinding.of(
                31337,
                Address.fromHex(admin.address(SuiteRoles.TRAINING_REGISTRY)),
                id,
                Address.fromHex(trainer.getAddress())),
            head,
            4,
            "task-" + id);
    flow.commit(
        trainer, id, commitment.tree().root(), commitment.finalCheckpoint(), "http://127.0.0.1/x");
    return id;
  }

  BigInteger claimedTask(TaskFlow.Model model, int t, BigInteger reward, BigInteger fee)
      throws Exception {
    stakeTrainer(t);
    BigInteger id = flow.createTask(owner(), model.id(), 16, reward, fee, 3_600).id();
    flow.claim(trainer(t), id);
    return id;
  }

  void stakeTrainer(int t) throws Exception {
    while (stakedTrainers <= t) {
      flow.fundAndStake(
          trainer(stakedTrainers), StakeRole.TRAINER, E18.multiply(BigInteger.valueOf(100)));
      stakedTrainers++;
    }
  }

  void stakeVerifiers() throws Exception {
    if (!verifiersStaked) {
      for (Credentials v : verifiers()) {
        flow.fundAndStake(v, StakeRole.VERIFIER, E18.multiply(BigInteger.valueOf(50)));
      }
      verifiersStaked = true;
    }
  }

  TrainingRegistry.TaskView task(BigInteger id) throws Exception {
    return flow.task(id);
  }

  void advance(long seconds) throws Exception {
    flow.devnet().advanceTime(seconds);
  }

  long chainTime() throws Exception {
    return ChainReader.of(chain).latestTimestamp();
  }

  /** Mints payment tokens to {@code user} and deposits them into its channel for {@code token}. */
  void deposit(Credentials user, String token, BigInteger amount) throws Exception {
    flow.fundPayment(user, amount);
    Suite as = admin.as(user);
    as.paymentToken().approve(admin.address(SuiteRoles.USAGE_ESCROW), amount).send();
    as.usageEscrow().deposit(token, amount).send();
  }

  SignedVoucher voucher(Credentials user, String token, BigInteger cumulative) throws Exception {
    return vouchers.sign(
        Voucher.of(user.getAddress(), token, cumulative, chainTime() + 30 * 86_400L), user);
  }

  /** What a model server does after serving a call: keep the voucher. */
  void inbox(Database db, SignedVoucher v) throws Exception {
    db.transaction(c -> new VoucherInbox().store(c, v, BigInteger.ONE, System.currentTimeMillis()));
  }

  BigInteger redeemed(Credentials user, String token) throws Exception {
    return admin.usageEscrow().channel(user.getAddress(), token).send().component2();
  }

  long nonce(Credentials account) throws Exception {
    return chain
        .web3j()
        .ethGetTransactionCount(account.getAddress(), DefaultBlockParameterName.LATEST)
        .send()
        .getTransactionCount()
        .longValueExact();
  }

  /** A keeper that redeems at once (no batching delay), on a private single-thread executor. */
  SettlementKeeper keeper(Database db, SendHooks hooks) throws Exception {
    return keeper(db, hooks, KeeperConfig.defaults().withRedeem(50, Duration.ZERO));
  }

  SettlementKeeper keeper(Database db, SendHooks hooks, KeeperConfig config) throws Exception {
    return SettlementKeeper.create(
        chain,
        manifest,
        keeper(),
        db,
        IndexerConfig.withConfirmations(0),
        config,
        Clock.systemUTC(),
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "keeper");
              t.setDaemon(true);
              return t;
            }),
        hooks,
        new PrometheusRegistry());
  }

  static TrainingRegistry.Rules rules() {
    return new TrainingRegistry.Rules(
        BigInteger.valueOf(4),
        BigInteger.valueOf(3),
        BigInteger.valueOf(3),
        BigInteger.valueOf(5),
        BigInteger.ZERO,
        BigInteger.ZERO,
        BigInteger.valueOf(WINDOW),
        BigInteger.valueOf(3_600),
        E18.multiply(BigInteger.TEN),
        E18.multiply(BigInteger.valueOf(5)));
  }

  @Override
  public void close() {
    chain.close();
    devnet.close();
  }
}
