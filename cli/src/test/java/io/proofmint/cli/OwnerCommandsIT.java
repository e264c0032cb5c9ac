package io.proofmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proofmint.cli.flow.SyntheticCommitment;
import io.proofmint.cli.flow.TaskFlow;
import io.proofmint.devnet.AnvilDevnet;
import io.proofmint.devnet.AnvilOptions;
import io.proofmint.devnet.DevnetControl;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.worker.engine.AdamConfig;
import io.proofmint.worker.engine.MlpSpec;
import io.proofmint.worker.engine.ReproducibilityProfile;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.engine.VerificationMode;
import io.proofmint.worker.engine.WorkerPool;
import io.proofmint.worker.task.ModelDefinition;
import io.proofmint.worker.task.StateCheckpoints;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.StakeRole;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;

/**
 * The model owner's commands as an owner runs them on anvil: `dataset synth`, `deploy`, `model
 * register|show|list` and `task create|show|list`, and what they refuse.
 */
class OwnerCommandsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int OWNER = 1;
  private static final int STRANGER = 3;
  private static final int TRAINER = 2;

  @TempDir Path state;

  @BeforeEach
  void isolateState() {
    System.setProperty("proofmint.state.dir", state.toString());
  }

  @Test
  void ownerRegistersShowsAndPostsTasks_andTheCommandsRefuseWhatTheyShould() throws Exception {
    try (AnvilDevnet devnet =
        AnvilDevnet.start(
            AnvilOptions.defaults(Path.of("target/devnet-logs/OwnerCommandsIT.log")))) {
      String rpc = devnet.rpcUrl().toString();
      Path data = state.resolve("data");
      CliRun synth =
          CliRun.of(
              "dataset",
              "synth",
              data.toString(),
              "--examples",
              "600",
              "--features",
              "16",
              "--classes",
              "4");
      assertThat(synth.exitCode()).as(synth.err()).isZero();
      Hash32 root = Hash32.fromHex(synth.out().strip());
      CliRun deploy = CliRun.of("deploy", "--rpc", rpc);
      assertThat(deploy.exitCode()).as(deploy.err()).isZero();

      ModelDefinition definition =
          new ModelDefinition(
              "owner-it",
              MlpSpec.of(20, AdamConfig.withLearningRate(1e-2f), 16, 12, 4),
              ReproducibilityProfile.defaultForNewModels(),
              VerificationMode.EXACT,
              7,
              root);
      Path modelFile = state.resolve("model.json");
      definition.write(modelFile);
      Hash32 head;
      try (WorkerPool one = WorkerPool.singleThreaded();
          TrainingEngine engine =
              TrainingEngine.open(definition.spec(), definition.profile(), one)) {
        head = CheckpointHasher.sequential().hash(StateCheckpoints.initial(engine, definition));
      }
      String owner = devnet.fundedAccounts().get(OWNER).getAddress();
      List<String> register =
          List.of(
              "model",
              "register",
              modelFile.toString(),
              "--dataset",
              data.toString(),
              "--symbol",
              "OIT",
              "--supply",
              "1000000",
              "--segment-length",
              "4",
              "--quorum",
              "2",
              "--dispute-quorum",
              "3",
              "--rpc",
              rpc,
              "--devnet-account",
              String.valueOf(OWNER));

      CliRun registered = CliRun.of(register.toArray(String[]::new));
      assertThat(registered.exitCode()).as(registered.err()).isZero();
      assertThat(registered.out())
          .contains(
              "model 1 'owner-it' registered by " + owner,
              "spec hash     " + definition.specHash(),
              "head          " + head);
      String modelId = firstGroup("model (\\d+) 'owner-it' registered", registered.out());

      CliRun show = CliRun.of("model", "show", modelId, "--json", "--rpc", rpc);
      assertThat(show.exitCode()).as(show.err()).isZero();
      JsonNode model = JSON.readTree(show.out());
      assertThat(model.get("owner").asText()).isEqualToIgnoringCase(owner);
      assertThat(model.get("specHash").asText()).isEqualTo(definition.specHash().toHex());
      assertThat(model.get("datasetRoot").asText()).isEqualTo(root.toHex());
      assertThat(model.get("head").asText()).isEqualTo(head.toHex());
      assertThat(model.get("initialHead").asText()).isEqualTo(head.toHex());
      assertThat(model.get("name").asText()).isEqualTo("owner-it");
      assertThat(model.get("symbol").asText()).isEqualTo("OIT");
      assertThat(model.get("totalSupply").asText()).isEqualTo("1000000");
      assertThat(model.get("holders").asInt()).isEqualTo(1);
      assertThat(model.get("tasks").asInt()).isZero();
      assertThat(model.get("lineage")).isEmpty();
      JsonNode rules = model.get("rules");
      assertThat(rules.get("segmentLength").asLong()).isEqualTo(4);
      assertThat(rules.get("samples").asInt()).isEqualTo(8);
      assertThat(rules.get("quorum").asInt()).isEqualTo(2);
      assertThat(rules.get("disputeQuorum").asInt()).isEqualTo(3);
      assertThat(rules.get("mode").asText()).isEqualTo("exact");
      assertThat(rules.get("challengeWindowSeconds").asLong()).isEqualTo(3600);
      assertThat(rules.get("trainerBond").asText()).isEqualTo("10");

      CliRun text = CliRun.of("model", "show", modelId, "--rpc", rpc);
      assertThat(text.out()).contains("model 1 'owner-it' (OIT)", "lineage: no finalized task");

      CliRun create =
          CliRun.of(
              "task",
              "create",
              "--model",
              modelId,
              "--steps",
              "40",
              "--reward",
              "500",
              "--fee",
              "30",
              "--duration",
              "2h",
              "--rpc",
              rpc,
              "--devnet-account",
              String.valueOf(OWNER));
      assertThat(create.exitCode()).as(create.err()).isZero();
      assertThat(create.out()).contains("task 1 created on model 1", "40 from head " + head);

      CliRun tasks = CliRun.of("task", "list", "--json", "--rpc", rpc);
      assertThat(tasks.exitCode()).as(tasks.err()).isZero();
      JsonNode list = JSON.readTree(tasks.out());
      assertThat(list).hasSize(1);
      assertThat(list.get(0).get("id").asText()).isEqualTo("1");
      assertThat(list.get(0).get("model").asText()).isEqualTo(modelId);
      assertThat(list.get(0).get("status").asText()).isEqualTo("open");
      assertThat(list.get(0).get("steps").asLong()).isEqualTo(40);
      assertThat(list.get(0).get("reward").asText()).isEqualTo("500");
      assertThat(list.get(0).get("verifierFee").asText()).isEqualTo("30");
      assertThat(CliRun.of("task", "list", "--status", "claimed", "--rpc", rpc).out())
          .contains("no tasks match");
      assertThat(CliRun.of("task", "list", "--model", modelId, "--rpc", rpc).out())
          .contains("open", head.toHex());

      JsonNode task = JSON.readTree(CliRun.of("task", "show", "1", "--json", "--rpc", rpc).out());
      assertThat(task.get("status").asText()).isEqualTo("open");
      assertThat(task.get("parent").asText()).isEqualTo(head.toHex());
      assertThat(task.get("durationSeconds").asLong()).isEqualTo(7200);
      assertThat(task.get("trainer").isNull()).isTrue();
      assertThat(task.get("attestation").get("attested").asBoolean()).isFalse();

      JsonNode models = JSON.readTree(CliRun.of("model", "list", "--json", "--rpc", rpc).out());
      assertThat(models).hasSize(1);
      assertThat(models.get(0).get("tasks").asInt()).isEqualTo(1);
      assertThat(models.get(0).get("symbol").asText()).isEqualTo("OIT");

      CliRun again = CliRun.of(register.toArray(String[]::new));
      assertThat(again.exitCode()).as(again.err()).isZero();
      assertThat(again.out()).contains("already registered as model 1", "nothing was sent");

      try (ChainConnection chain = ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(31337))) {
        TrainingRegistry registry =
            Suite.load(
                    chain,
                    DeploymentManifest.read(state.resolve("deployment.json")),
                    devnet.fundedAccounts().get(0))
                .registry();
        assertThat(registry.modelCount().send()).isEqualTo(BigInteger.ONE);

        CliRun unknown = CliRun.of("model", "show", "99", "--rpc", rpc);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown model 99", "the registry has 1 model(s)");
        assertThat(CliRun.of("task", "show", "7", "--rpc", rpc).err()).contains("unknown task 7");

        CliRun stranger =
            CliRun.of(
                "task",
                "create",
                "--model",
                modelId,
                "--steps",
                "40",
                "--reward",
                "1",
                "--rpc",
                rpc,
                "--devnet-account",
                String.valueOf(STRANGER));
        assertThat(stranger.exitCode()).isEqualTo(1);
        assertThat(stranger.err())
            .containsIgnoringCase("model 1 is owned by " + owner)
            .contains("nothing was sent");
        CliRun ragged =
            CliRun.of(
                "task",
                "create",
                "--model",
                modelId,
                "--steps",
                "42",
                "--reward",
                "1",
                "--rpc",
                rpc,
                "--devnet-account",
                String.valueOf(OWNER));
        assertThat(ragged.exitCode()).isEqualTo(1);
        assertThat(ragged.err()).contains("multiple of model 1's segment length 4, got 42");
        assertThat(registry.taskCount().send()).isEqualTo(BigInteger.ONE);

        Path other = state.resolve("other-data");
        CliRun otherSynth =
            CliRun.of(
                "dataset",
                "synth",
                other.toString(),
                "--examples",
                "600",
                "--features",
                "16",
                "--classes",
                "4",
                "--seed",
                "2");
        Hash32 otherRoot = Hash32.fromHex(otherSynth.out().strip());
        List<String> wrongData = new ArrayList<>(register);
        wrongData.set(wrongData.indexOf(data.toString()), other.toString());
        wrongData.add("--again");
        CliRun mismatch = CliRun.of(wrongData.toArray(String[]::new));
        assertThat(mismatch.exitCode()).isEqualTo(1);
        assertThat(mismatch.err()).contains(otherRoot.toHex(), root.toHex());

        Path keys = Files.createDirectories(state.resolve("keys"));
        String keyFile =
            WalletUtils.generateWalletFile(
                "right horse", Keys.createEcKeyPair(), keys.toFile(), false);
        Path wrongPassword = Files.writeString(state.resolve("pw"), "wrong horse\n");
        CliRun locked =
            CliRun.of(
                "task",
                "create",
                "--model",
                modelId,
                "--steps",
                "40",
                "--reward",
                "1",
                "--rpc",
                rpc,
                "--keystore",
                keys.resolve(keyFile).toString(),
                "--password-file",
                wrongPassword.toString());
        assertThat(locked.exitCode()).isEqualTo(1);
        assertThat(locked.err()).contains("cannot decrypt (wrong password");
        assertThat(registry.taskCount().send()).isEqualTo(BigInteger.ONE);
        assertThat(registry.modelCount().send()).isEqualTo(BigInteger.ONE);

        Hash32 trained = settleValid(devnet, chain, BigInteger.ONE, head);
        JsonNode after =
            JSON.readTree(CliRun.of("model", "show", modelId, "--json", "--rpc", rpc).out());
        assertThat(after.get("head").asText()).isEqualTo(trained.toHex());
        assertThat(after.get("initialHead").asText()).isEqualTo(head.toHex());
        assertThat(after.get("lineage")).hasSize(1);
        JsonNode step = after.get("lineage").get(0);
        assertThat(step.get("task").asText()).isEqualTo("1");
        assertThat(step.get("trainer").asText())
            .isEqualToIgnoringCase(devnet.fundedAccounts().get(TRAINER).getAddress());
        assertThat(step.get("steps").asLong()).isEqualTo(40);
        assertThat(step.get("fromHead").asText()).isEqualTo(head.toHex());
        assertThat(step.get("toHead").asText()).isEqualTo(trained.toHex());
        assertThat(after.get("holders").asInt()).isEqualTo(2);
        assertThat(after.get("totalSupply").asText()).isEqualTo("1000500");
        assertThat(CliRun.of("model", "show", modelId, "--rpc", rpc).out())
            .contains("lineage:", "1 finalized", trained.toHex());
        JsonNode settled =
            JSON.readTree(CliRun.of("task", "show", "1", "--json", "--rpc", rpc).out());
        assertThat(settled.get("status").asText()).isEqualTo("finalized");
        assertThat(settled.get("locator").asText()).isEqualTo("http://127.0.0.1/owner-it");
        assertThat(settled.get("deadlineMeaning").asText()).isEqualTo("end of challenge window");
        assertThat(settled.get("attestation").get("verdict").asText()).isEqualTo("valid");
        assertThat(
                JSON.readTree(
                    CliRun.of("task", "list", "--status", "finalized", "--json", "--rpc", rpc)
                        .out()))
            .hasSize(1);
      }
    }
  }

  /**
   * Takes task {@code taskId} through claim, a synthetic commit, a VALID batch of two verifiers and
   * finalize, as the worker and the verifiers would; returns the model's new head.
   */
  private Hash32 settleValid(
      AnvilDevnet devnet, ChainConnection chain, BigInteger taskId, Hash32 head) throws Exception {
    List<Credentials> acc = devnet.fundedAccounts();
    TaskFlow flow =
        new TaskFlow(
            Suite.load(
                chain, DeploymentManifest.read(state.resolve("deployment.json")), acc.get(0)),
            new DevnetControl(chain));
    Credentials trainer = acc.get(TRAINER);
    List<Credentials> verifiers = List.of(acc.get(4), acc.get(5));
    BigInteger e18 = BigInteger.TEN.pow(18);
    flow.fundAndStake(trainer, StakeRole.TRAINER, e18.multiply(BigInteger.valueOf(100)));
    for (Credentials v : verifiers) {
      flow.fundAndStake(v, StakeRole.VERIFIER, e18.multiply(BigInteger.valueOf(50)));
    }
    flow.claim(trainer, taskId);
    SyntheticCommitment commitment =
        SyntheticCommitment.of(
            TaskBinding.of(
                31337,
                Address.fromHex(flow.suite().address(SuiteRoles.TRAINING_REGISTRY)),
                taskId,
                Address.fromHex(trainer.getAddress())),
            head,
            10,
            "owner-it");
    flow.commit(
        trainer,
        taskId,
        commitment.tree().root(),
        commitment.finalCheckpoint(),
        "http://127.0.0.1/owner-it");
    flow.drawSeed(verifiers.get(0), taskId);
    flow.attestValid(verifiers.get(0), taskId, verifiers);
    flow.passChallengeWindow(taskId);
    flow.finalizeTask(acc.get(6), taskId);
    return commitment.finalCheckpoint();
  }

  private static String firstGroup(String regex, String text) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("%s in %s", regex, text).isTrue();
    return m.group(1);
  }
}
