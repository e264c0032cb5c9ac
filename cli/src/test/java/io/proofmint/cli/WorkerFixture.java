package io.proofmint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.cli.flow.TaskFlow;
import io.proofmint.devnet.AnvilDevnet;
import io.proofmint.devnet.AnvilOptions;
import io.proofmint.devnet.DevnetControl;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.worker.engine.AdamConfig;
import io.proofmint.worker.engine.MlpSpec;
import io.proofmint.worker.engine.ReproducibilityProfile;
import io.proofmint.worker.engine.RuntimeFacts;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.engine.VerificationMode;
import io.proofmint.worker.engine.WorkerPool;
import io.proofmint.worker.task.ModelDefinition;
import io.proofmint.worker.task.StateCheckpoints;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.chain.ChainReader;
import io.proofmint.wrappers.chain.LogQuery;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.suite.Suite;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeEncoder;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * What `proofmint worker` needs, set up the way an operator would: anvil, a synthetic dataset
 * (`dataset synth`), the suite (`deploy`), a small model registered on chain with its definition
 * file, and a trainer (devnet account 2) holding stake tokens. Tests create tasks and run the
 * worker against {@link #rpc()} or any proxy in front of it.
 */
final class WorkerFixture implements AutoCloseable {

  static final BigInteger E18 = BigInteger.TEN.pow(18);
  static final int TRAINER_ACCOUNT = 2;

  final AnvilDevnet devnet;
  final ChainConnection chain;
  final TaskFlow flow;
  final Path datasetDir;
  final Path modelFile;
  final BigInteger modelId;

  private WorkerFixture(
      AnvilDevnet devnet,
      ChainConnection chain,
      TaskFlow flow,
      Path datasetDir,
      Path modelFile,
      BigInteger modelId) {
    this.devnet = devnet;
    this.chain = chain;
    this.flow = flow;
    this.datasetDir = datasetDir;
    this.modelFile = modelFile;
    this.modelId = modelId;
  }

  /** Starts it all under {@code state} (which must be the CLI's state directory). */
  static WorkerFixture start(String name, Path state) throws Exception {
    AnvilDevnet devnet =
        AnvilDevnet.start(AnvilOptions.defaults(Path.of("target/devnet-logs/" + name + ".log")));
    try {
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
      CliRun deploy = CliRun.of("deploy", "--rpc", devnet.rpcUrl().toString());
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
      ChainConnection chain = ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(31337));
      DeploymentManifest manifest = DeploymentManifest.read(state.resolve("deployment.json"));
      TaskFlow flow =
          new TaskFlow(
              Suite.load(chain, manifest, devnet.fundedAccounts().get(0)),
              new DevnetControl(chain));
      Hash32 head;
      try (WorkerPool one = WorkerPool.singleThreaded();
          TrainingEngine engine = TrainingEngine.open(model.spec(), model.profile(), one)) {
        head = CheckpointHasher.sequential().hash(StateCheckpoints.initial(engine, model));
      }
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
      flow.fundStake(
          devnet.fundedAccounts().get(TRAINER_ACCOUNT), E18.multiply(BigInteger.valueOf(200)));
      return new WorkerFixture(devnet, chain, flow, datasetDir, modelFile, registered.id());
    } catch (Exception | Error e) {
      devnet.close();
      throw e;
    }
  }

  /** The node itself (no proxy). */
  URI rpc() {
    return devnet.rpcUrl();
  }

  Credentials trainer() {
    return devnet.fundedAccounts().get(TRAINER_ACCOUNT);
  }

  /** A new open task of the model: {@code steps} steps (segments of 10). */
  BigInteger createTask(long steps) throws Exception {
    return flow.createTask(devnet.fundedAccounts().get(1), modelId, steps, E18, E18, 3600).id();
  }

  /** `proofmint worker` arguments for the trainer against {@code rpc}, then {@code more}. */
  String[] workerArgs(URI rpc, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "worker",
                "--rpc",
                rpc.toString(),
                "--devnet-account",
                String.valueOf(TRAINER_ACCOUNT),
                "--model",
                modelFile.toString(),
                "--dataset",
                datasetDir.toString(),
                "--threads",
                "2"));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  TrainingRegistry.TaskView task(BigInteger taskId) throws Exception {
    return flow.task(taskId);
  }

  /** Transactions the trainer has had mined. */
  long trainerNonce() throws IOException {
    return chain
        .web3j()
        .ethGetTransactionCount(trainer().getAddress(), DefaultBlockParameterName.LATEST)
        .send()
        .getTransactionCount()
        .longValueExact();
  }

  /** Every TaskCommitted event of {@code taskId} on the chain. */
  List<TrainingRegistry.TaskCommittedEventResponse> commitEvents(BigInteger taskId)
      throws IOException {
    return ChainReader.of(chain)
        .logs(
            LogQuery.wholeChain()
                .at(flow.suite().registry().getContractAddress())
                .topic(EventEncoder.encode(TrainingRegistry.TASKCOMMITTED_EVENT))
                .topic("0x" + TypeEncoder.encode(new Uint256(taskId))))
        .stream()
        .map(TrainingRegistry::getTaskCommittedEventFromLog)
        .toList();
  }

  /** The 4-byte selector of the registry's claimTask function, as lower-case hex without 0x. */
  String claimSelector() {
    return flow.suite().registry().claimTask(BigInteger.ZERO).encodeFunctionCall().substring(2, 10);
  }

  /** The 4-byte selector of the registry's commit function, as lower-case hex without 0x. */
  String commitSelector() {
    return flow.suite()
        .registry()
        .commit(BigInteger.ZERO, new byte[32], new byte[32], "")
        .encodeFunctionCall()
        .substring(2, 10);
  }

  @Override
  public void close() {
    chain.close();
    devnet.close();
  }
}
