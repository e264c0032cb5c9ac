package io.proofmint.cli.walk;

import static io.proofmint.cli.walk.WalkCommands.isFinalized;
import static io.proofmint.cli.walk.WalkCommands.json;
import static io.proofmint.cli.walk.WalkCommands.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.proofmint.cli.Amounts;
import io.proofmint.cli.walk.CliProcesses.Daemon;
import io.proofmint.cli.walk.CliProcesses.Result;
import io.proofmint.devnet.AnvilDevnet;
import io.proofmint.devnet.AnvilOptions;
import io.proofmint.devnet.DevnetControl;
import io.proofmint.devnet.LoopbackPorts;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.worker.engine.AdamConfig;
import io.proofmint.worker.engine.MlpSpec;
import io.proofmint.worker.engine.ReproducibilityProfile;
import io.proofmint.worker.engine.VerificationMode;
import io.proofmint.worker.task.ModelDefinition;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.generated.ModelToken;
import io.proofmint.wrappers.suite.Suite;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.tx.Transfer;
import org.web3j.utils.Convert;

/**
 * The whole protocol through the commands only, each role its own OS process running the packaged
 * CLI jar: deploy, keys, dataset, model and task, three verifier daemons, the artifact server, the
 * worker, the keeper, the model server, the user's calls, the holders' claims and a verifier's
 * exit. docs/operators.md ("Walk-through") is the same walk by hand.
 *
 * <p>What the test process does itself is devnet setup and nothing a role would do: it starts anvil
 * and a background block miner (so the verifiers' confirmations come), gives the new keys ether,
 * mints them mock stake and payment tokens as the deployer (the devnet faucet: no command mints),
 * and moves chain time past the challenge window and the unbonding delay. Its checks read the
 * chain.
 */
class ProtocolWalkIT {

  private static final BigInteger E18 = BigInteger.TEN.pow(18);
  private static final BigInteger E6 = BigInteger.TEN.pow(6);
  private static final BigInteger MAGNITUDE = BigInteger.TWO.pow(96);
  private static final BigInteger SUPPLY = E18.multiply(BigInteger.valueOf(1_000_000));
  private static final BigInteger REWARD = E18.multiply(BigInteger.valueOf(500));
  private static final BigInteger FEE = E18.multiply(BigInteger.valueOf(30));
  private static final BigInteger PRICE = BigInteger.valueOf(250_000); // 0.25 mUSD a call
  private static final int CALLS = 4;
  private static final BigInteger VERIFIER_FUNDS = E18.multiply(BigInteger.valueOf(100));
  private static final int VERIFIERS = 3;

  private final Path dir = Path.of("target/protocol-walk").toAbsolutePath();
  private final Path ws = dir.resolve("workspace");
  private final Map<String, String> env = new HashMap<>();

  @Test
  void theWholeProtocol_throughTheCommands_eachRoleItsOwnProcess() throws Exception {
    deleteRecursively(dir);
    Files.createDirectories(ws);
    env.put("PROOFMINT_STATE_DIR", ws.toString());
    env.put("PROOFMINT_KEYS_DIR", ws.resolve("keys").toString());
    Path pw = Files.writeString(ws.resolve("pw"), "walk the protocol\n");
    Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
    ScheduledExecutorService miner =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("walk-miner").daemon().factory());
    try (AnvilDevnet devnet =
            AnvilDevnet.start(AnvilOptions.defaults(dir.resolve("logs/anvil.log")));
        ChainConnection chain = ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(31337));
        CliProcesses cli =
            new CliProcesses(
                Path.of("target/proofmint-cli.jar"), Path.of(".."), dir.resolve("logs"))) {
      String rpc = devnet.rpcUrl().toString();
      env.put("PROOFMINT_RPC", rpc);
      DevnetControl control = new DevnetControl(chain);
      WalkCommands commands = new WalkCommands(cli, env);

      // 1. deploy (devnet account 0 is the deployer)
      ok(cli.run("deploy", env, "deploy"));
      Path manifestFile = ws.resolve("deployment.json");
      Credentials deployer = devnet.fundedAccounts().get(0);
      Suite admin = Suite.load(chain, DeploymentManifest.read(manifestFile), deployer);
      // ether from another pre-funded account: the deployer's nonces belong to its Suite sender
      Credentials etherFaucet = devnet.fundedAccounts().get(1);
      miner.scheduleWithFixedDelay(() -> mine(control), 300, 300, TimeUnit.MILLISECONDS);

      // 2. keys, then the devnet faucet (setup: ether, stake and payment tokens)
      String owner = commands.newKey("owner", pw);
      String trainer = commands.newKey("trainer", pw);
      List<String> verifiers = new ArrayList<>();
      for (int i = 0; i < VERIFIERS; i++) {
        verifiers.add(commands.newKey("verifier-" + i, pw));
      }
      String keeper = commands.newKey("keeper", pw);
      String user = commands.newKey("user", pw);
      for (String account : List.of(owner, trainer, keeper, user)) {
        fundEther(chain, etherFaucet, account);
      }
      for (String verifier : verifiers) {
        fundEther(chain, etherFaucet, verifier);
        admin.stakeToken().mint(verifier, VERIFIER_FUNDS).send();
      }
      admin.stakeToken().mint(trainer, E18.multiply(BigInteger.valueOf(200))).send();
      admin.paymentToken().mint(user, E6.multiply(BigInteger.TEN)).send();

      // 3. owner: dataset, model definition, model, task
      Path data = ws.resolve("data");
      Result synth =
          ok(
              cli.run(
                  "dataset-synth",
                  env,
                  "dataset",
                  "synth",
                  data.toString(),
                  "--examples",
                  "600",
                  "--features",
                  "16",
                  "--classes",
                  "4"));
      Path modelFile = ws.resolve("model.json");
      new ModelDefinition(
              "walk-mlp",
              MlpSpec.of(20, AdamConfig.withLearningRate(1e-2f), 16, 12, 4),
              ReproducibilityProfile.defaultForNewModels(),
              VerificationMode.EXACT,
              7,
              Hash32.fromHex(synth.out().strip()))
          .write(modelFile);
      ok(
          cli.run(
              "model-register",
              env,
              "model",
              "register",
              modelFile.toString(),
              "--dataset",
              data.toString(),
              "--symbol",
              "WALK",
              "--supply",
              "1000000",
              "--segment-length",
              "4",
              "--samples",
              "3",
              "--quorum",
              "3",
              "--dispute-quorum",
              "4",
              "--challenge-window",
              "1m",
              "--keystore",
              owner,
              "--password-file",
              pw.toString()));
      String token =
          json(ok(cli.run("model-show", env, "model", "show", "1", "--json")))
              .get("token")
              .asText();
      ok(
          cli.run(
              "task-create",
              env,
              "task",
              "create",
              "--model",
              "1",
              "--steps",
              "40",
              "--reward",
              "500",
              "--fee",
              "30",
              "--duration",
              "1h",
              "--keystore",
              owner,
              "--password-file",
              pw.toString()));

      // 4. verifiers stake and run (each its own workspace for its state), artifacts are served
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < VERIFIERS; i++) {
        ok(
            cli.run(
                "stake-add-" + i,
                env,
                "stake",
                "add",
                "60",
                "--role",
                "verifier",
                "--keystore",
                verifiers.get(i),
                "--password-file",
                pw.toString()));
        ports.add(LoopbackPorts.free());
      }
      for (int i = 0; i < VERIFIERS; i++) {
        List<String> peers = new ArrayList<>();
        for (int j = 0; j < VERIFIERS; j++) {
          if (j != i) {
            peers.add("http://127.0.0.1:" + ports.get(j));
          }
        }
        Map<String, String> own = new HashMap<>(env);
        own.put("PROOFMINT_STATE_DIR", dir.resolve("verifier-" + i).toString());
        Daemon verifier =
            cli.start(
                "verifier-" + i,
                own,
                "verifier",
                "run",
                "--manifest",
                manifestFile.toString(),
                "--model",
                modelFile.toString(),
                data.toString(),
                "--keystore",
                verifiers.get(i),
                "--password-file",
                pw.toString(),
                "--listen",
                "127.0.0.1:" + ports.get(i),
                "--peer",
                String.join(",", peers),
                "--confirmations",
                "2",
                "--poll-seconds",
                "1");
        verifier.awaitOutput("verifier running", Duration.ofMinutes(1));
      }
      int artifactsPort = LoopbackPorts.free();
      cli.start(
              "artifacts-serve", env, "artifacts", "serve", "--port", String.valueOf(artifactsPort))
          .awaitOutput("http", Duration.ofMinutes(1));

      // 5. trainer: stake, claim, train, publish, commit
      ok(
          cli.run(
              "worker",
              env,
              "worker",
              "--model",
              modelFile.toString(),
              "--dataset",
              data.toString(),
              "--keystore",
              trainer,
              "--password-file",
              pw.toString(),
              "--artifacts-url",
              "http://127.0.0.1:" + artifactsPort,
              "--threads",
              "1"));

      // 6. the verifiers attest; past the challenge window the task is finalized and its attesters
      // paid, by the keeper's pass or by the verifiers' own keeper duty, whichever comes first
      JsonNode task = commands.awaitTask("attested", Duration.ofMinutes(3));
      assertThat(task.get("attestation").get("verdict").asText()).isEqualTo("valid");
      control.advanceTime(61);
      control.mine();
      for (int pass = 0;
          pass < 6
              && !(isFinalized(task)
                  && task.get("attestation").get("attesterRewardsPaid").asBoolean());
          pass++) {
        ok(commands.keeperOnce(keeper, pw));
        task = commands.taskShow();
      }
      assertThat(task.get("status").asText()).isEqualTo("finalized");
      assertThat(task.get("attestation").get("attesterRewardsPaid").asBoolean()).isTrue();

      ModelToken model = admin.modelToken(token);
      assertThat(model.balanceOf(trainer).send())
          .as("reward minted to the trainer")
          .isEqualTo(REWARD);
      assertThat(model.balanceOf(owner).send()).isEqualTo(SUPPLY);
      for (String verifier : verifiers) {
        assertThat(model.balanceOf(verifier).send())
            .as("fee split equally among the %d attesters", VERIFIERS)
            .isEqualTo(FEE.divide(BigInteger.valueOf(VERIFIERS)));
      }
      BigInteger supply = model.totalSupply().send();
      assertThat(supply).isEqualTo(SUPPLY.add(REWARD).add(FEE));

      // 7. serve the finalized checkpoint; the user pays per call; the keeper redeems
      Path checkpoint =
          ws.resolve("worker/task-1/bundle/checkpoints")
              .resolve(task.get("finalCheckpoint").asText().substring(2) + ".ckpt");
      assertThat(checkpoint).isRegularFile();
      int servePort = LoopbackPorts.free();
      cli.start(
              "serve",
              env,
              "serve",
              token,
              "--checkpoint",
              checkpoint.toString(),
              "--model-definition",
              modelFile.toString(),
              "--price",
              PRICE.toString(),
              "--port",
              String.valueOf(servePort))
          .awaitOutput("serving", Duration.ofMinutes(1));
      ok(
          cli.run(
              "usage-deposit",
              env,
              "usage",
              "deposit",
              "10",
              "--model",
              token,
              "--keystore",
              user,
              "--password-file",
              pw.toString()));
      for (int call = 0; call < CALLS; call++) {
        Result paid =
            ok(
                cli.run(
                    "usage-call-" + call,
                    env,
                    "usage",
                    "call",
                    "--model",
                    token,
                    "--server",
                    "http://127.0.0.1:" + servePort,
                    "--features",
                    features(call),
                    "--keystore",
                    user,
                    "--password-file",
                    pw.toString()));
        assertThat(paid.out()).contains("label");
      }
      BigInteger revenue = PRICE.multiply(BigInteger.valueOf(CALLS));
      var split = admin.revenueRouter().split(revenue).send();
      BigInteger toHolders = split.component1();
      String treasury = admin.revenueRouter().treasury().send();
      String pool = admin.revenueRouter().verifierPool().send();
      BigInteger treasuryBefore = admin.paymentToken().balanceOf(treasury).send();
      BigInteger poolBefore = admin.paymentToken().balanceOf(pool).send();
      Thread.sleep(1_500); // past --redeem-delay 1s
      for (int pass = 0;
          pass < 5 && admin.paymentToken().balanceOf(treasury).send().equals(treasuryBefore);
          pass++) {
        ok(commands.keeperOnce(keeper, pw));
      }
      // the deployment may name one account as both treasury and verifier pool: compare per address
      Map<String, BigInteger> expectedGain = new HashMap<>();
      expectedGain.merge(treasury.toLowerCase(), split.component3(), BigInteger::add);
      expectedGain.merge(pool.toLowerCase(), split.component2(), BigInteger::add);
      assertThat(admin.paymentToken().balanceOf(treasury).send().subtract(treasuryBefore))
          .as("treasury %s gains its share of %s", treasury, revenue)
          .isEqualTo(expectedGain.get(treasury.toLowerCase()));
      assertThat(admin.paymentToken().balanceOf(pool).send().subtract(poolBefore))
          .as("verifier pool %s gains its share of %s", pool, revenue)
          .isEqualTo(expectedGain.get(pool.toLowerCase()));
      assertThat(admin.paymentToken().balanceOf(token).send())
          .as("the holders' share sits in the model token until claimed")
          .isEqualTo(toHolders);

      // holders: status, then claim; each gets its share of the holders' part
      for (String holder : List.of(trainer, owner)) {
        BigInteger expected = expectedClaim(toHolders, model.balanceOf(holder).send(), supply);
        assertThat(expected)
            .isLessThanOrEqualTo(toHolders.multiply(model.balanceOf(holder).send()).divide(supply));
        JsonNode status =
            json(
                ok(
                    cli.run(
                        "holder-status", env, "holder", "status", "--account", holder, "--json")));
        assertThat(status.toString())
            .contains("\"claimableAsset\":\"" + Amounts.format(expected, 6) + "\"");
        BigInteger before = admin.paymentToken().balanceOf(holder).send();
        ok(
            cli.run(
                "holder-claim",
                env,
                "holder",
                "claim",
                "--keystore",
                holder,
                "--password-file",
                pw.toString()));
        assertThat(admin.paymentToken().balanceOf(holder).send().subtract(before))
            .as("claim of %s", holder)
            .isEqualTo(expected);
      }

      // a verifier leaves: unbond, wait out the delay (chain time), withdraw
      String leaving = verifiers.get(0);
      ok(
          cli.run(
              "stake-unbond",
              env,
              "stake",
              "unbond",
              "--all",
              "--keystore",
              leaving,
              "--password-file",
              pw.toString()));
      control.advanceTime(7 * 24 * 3600 + 1);
      control.mine();
      ok(
          cli.run(
              "stake-withdraw",
              env,
              "stake",
              "withdraw",
              "--keystore",
              leaving,
              "--password-file",
              pw.toString()));
      assertThat(admin.stakeToken().balanceOf(leaving).send())
          .as("the verifier's stake back")
          .isEqualTo(VERIFIER_FUNDS);
    } finally {
      miner.shutdownNow();
    }
  }

  /** ModelToken's accumulator: floor(floor(amount * 2^96 / supply) * balance / 2^96). */
  private static BigInteger expectedClaim(
      BigInteger toHolders, BigInteger balance, BigInteger supply) {
    BigInteger perShare = toHolders.multiply(MAGNITUDE).divide(supply);
    return perShare.multiply(balance).divide(MAGNITUDE);
  }

  private static void fundEther(ChainConnection chain, Credentials from, String to)
      throws Exception {
    Transfer.sendFunds(chain.web3j(), from, to, BigDecimal.TEN, Convert.Unit.ETHER).send();
  }

  private static String features(int call) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      values.add(String.valueOf(((i * 7 + call * 3) % 11) / 10.0));
    }
    return String.join(",", values);
  }

  private static void mine(DevnetControl control) {
    try {
      control.mine();
    } catch (Exception e) {
      // the chain stops at the end of the test; a lost tick only delays a confirmation
    }
  }

  private static void deleteRecursively(Path path) throws Exception {
    if (!Files.exists(path)) {
      return;
    }
    try (var files = Files.walk(path)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
