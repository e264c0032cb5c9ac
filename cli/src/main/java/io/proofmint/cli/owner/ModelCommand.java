package io.proofmint.cli.owner;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `proofmint model`: the model owner registers models and reads them back. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description =
        "Model owners: register a model from its definition and dataset, show and list models.",
    subcommands = {
      ModelRegisterCommand.class,
      ModelShowCommand.class,
      ModelListCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "%nExit codes: 0 done (also: already registered), 1 refused or failed (one line on"
          + " stderr says why), 2 usage error.",
      "%nExample:",
      "  proofmint model register model.json --dataset data --symbol MLP \\",
      "      --supply 1000000"
    })
public final class ModelCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
