package io.proofmint.cli.owner;

import io.proofmint.cli.Amounts;
import io.proofmint.cli.SignerOptions;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.dataset.Dataset;
import io.proofmint.protocol.dataset.DatasetWriter;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.engine.WorkerPool;
import io.proofmint.worker.task.ModelDefinition;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `proofmint model register`: from model.json and its committed dataset to a registered model. */
@Command(
    name = "register",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Register a model: check that the committed dataset DIR has the root the definition names"
          + " (every shard is re-hashed), compute the initial checkpoint from the definition and"
          + " take its hash as the model's head, then send registerModel with the verification"
          + " rules and create the model token, minting the initial supply to the signer.",
      "The initial checkpoint needs no publishing: every worker and verifier recomputes it from"
          + " the definition. Registering the same definition and dataset again finds the model"
          + " this signer registered and sends nothing, unless --again is given."
    },
    footer = {
      "%nExit codes: 0 registered or already registered, 1 refused or failed, 2 usage error.",
      "%nExample:",
      "  proofmint model register model.json --dataset data --symbol MLP \\",
      "      --supply 1000000 --segment-length 10 --quorum 3 \\",
      "      --keystore owner.json --password-file pw"
    })
public final class ModelRegisterCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "MODEL.JSON",
      description = "The model definition (`proofmint-model-v1`), as workers and verifiers use it.")
  Path definitionFile;

  @Option(
      names = "--dataset",
      required = true,
      paramLabel = "DIR",
      description =
          "The committed dataset (`proofmint dataset commit|synth` wrote DIR/dataset.json).")
  Path dataset;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Model token name (default: the definition's name).")
  String name;

  @Option(
      names = "--symbol",
      required = true,
      paramLabel = "SYMBOL",
      description = "Model token symbol, e.g. MLP.")
  String symbol;

  @Option(
      names = "--supply",
      required = true,
      paramLabel = "AMOUNT",
      description =
          "Initial supply minted to the signer, in model tokens (18 decimals), e.g. 1000000.")
  String supply;

  @Option(
      names = "--again",
      description = "Register a second model even if this signer registered the same one before.")
  boolean again;

  @Mixin RulesOptions rulesOptions;
  @Mixin RegistryOptions registry;
  @Mixin SignerOptions signer;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ModelDefinition definition = ModelDefinition.read(definitionFile);
    Path manifest = dataset.resolve(DatasetWriter.MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      throw new IllegalArgumentException(
          "dataset "
              + dataset
              + " holds no "
              + DatasetWriter.MANIFEST
              + ": commit the examples first (`proofmint dataset commit DIR --csv FILE` or"
              + " `proofmint dataset synth DIR`)");
    }
    Hash32 root = Dataset.load(manifest).commitment().root();
    ModelRegistration.requireDataset(definition, root, dataset);
    TokenTerms token =
        new TokenTerms(
            name != null ? name : definition.name(),
            symbol,
            Amounts.parse(supply, TokenTerms.DECIMALS, "--supply"));
    try (RegistryOptions.Session session = registry.signed(signer)) {
      int stakeDecimals = session.suite().stakeToken().decimals().send().intValueExact();
      VerificationRules rules = rulesOptions.resolve(definition.mode(), stakeDecimals);
      Hash32 head;
      try (WorkerPool one = WorkerPool.singleThreaded();
          TrainingEngine engine =
              TrainingEngine.open(definition.spec(), definition.profile(), one)) {
        head = ModelRegistration.initialHead(engine, definition, CheckpointHasher.sequential());
      }
      ModelRegistration.Registered model =
          new ModelRegistration(session.suite())
              .register(new ModelRegistration.Request(definition, head, rules, token), again);
      String owner = session.suite().account().getAddress();
      if (model.registeredNow()) {
        out.printf(
            "model %s '%s' registered by %s in transaction %s%n",
            model.modelId(),
            definition.name(),
            owner,
            model.receipt().orElseThrow().getTransactionHash());
      } else {
        out.printf(
            "already registered as model %s by %s; nothing was sent (--again registers another)%n",
            model.modelId(), owner);
      }
      out.printf("  model id      %s%n", model.modelId());
      out.printf(
          "  token         %s%s%n",
          model.token(),
          model.registeredNow()
              ? " ("
                  + token.symbol()
                  + ", "
                  + Amounts.format(token.initialSupply(), TokenTerms.DECIMALS)
                  + " minted to the owner)"
              : "");
      out.printf("  spec hash     %s%n", definition.specHash());
      out.printf("  dataset root  %s%n", definition.datasetRoot());
      out.printf(
          "  head          %s (the initial checkpoint: recomputed from the definition by every"
              + " worker and verifier)%n",
          head);
      out.flush();
    }
    return 0;
  }
}
