package io.proofmint.cli.owner;

import io.proofmint.cli.Amounts;
import io.proofmint.cli.SignerOptions;
import io.proofmint.cli.settlement.DurationConverter;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `proofmint task create`: post a training task on the signer's model. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Create a training task on a model the signer owns: train STEPS steps from the model's"
          + " current head. The reward (to the trainer) and the fee (to the attesters) are model"
          + " tokens minted when the task settles; the registry reserves them under the token's"
          + " supply cap now.",
      "Refused before anything is sent when the model belongs to another account (the owner is"
          + " named), when the steps are not a multiple of the model's segment length, or when"
          + " reward and fee exceed the token's headroom."
    },
    footer = {
      "%nExit codes: 0 created, 1 refused or failed, 2 usage error.",
      "%nExample:",
      "  proofmint task create --model 1 --steps 300 --reward 500 --fee 30 \\",
      "      --duration 1h --keystore owner.json --password-file pw"
    })
public final class TaskCreateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "ID", description = "The model id.")
  BigInteger model;

  @Option(
      names = "--steps",
      required = true,
      paramLabel = "N",
      description = "Training steps, a positive multiple of the model's segment length.")
  long steps;

  @Option(
      names = "--reward",
      required = true,
      paramLabel = "AMOUNT",
      description = "Model tokens minted to the trainer when the task finalizes valid, e.g. 500.")
  String reward;

  @Option(
      names = "--fee",
      defaultValue = "0",
      paramLabel = "AMOUNT",
      description =
          "Model tokens minted to the attesters, split equally, when it finalizes (default:"
              + " ${DEFAULT-VALUE}).")
  String fee;

  @Option(
      names = "--duration",
      defaultValue = "1h",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Time the trainer has from its claim to its commit, 1m..365d (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Mixin RegistryOptions registry;
  @Mixin SignerOptions signer;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    TaskCreation.Terms terms =
        new TaskCreation.Terms(
            model,
            steps,
            Amounts.parse(reward, TokenTerms.DECIMALS, "--reward"),
            Amounts.parse(fee, TokenTerms.DECIMALS, "--fee"),
            duration);
    try (RegistryOptions.Session session = registry.signed(signer)) {
      TaskCreation.Created task = new TaskCreation(session.suite()).create(terms);
      out.printf(
          "task %s created on model %s in transaction %s%n",
          task.taskId(), model, task.receipt().getTransactionHash());
      out.printf("  steps         %d from head %s%n", steps, task.parent());
      out.printf(
          "  reward        %s, fee %s model tokens (reserved until the task settles)%n",
          Amounts.format(terms.reward(), TokenTerms.DECIMALS),
          Amounts.format(terms.verifierFee(), TokenTerms.DECIMALS));
      out.printf("  duration      %ds from claim to commit%n", duration.toSeconds());
      out.flush();
    }
    return 0;
  }
}
