package io.proofmint.cli.owner;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `proofmint task`: the model owner posts training tasks; anyone reads them. */
@Command(
    name = "task",
    mixinStandardHelpOptions = true,
    description = "Training tasks: create one on your model, show one, list them.",
    subcommands = {
      TaskCreateCommand.class,
      TaskShowCommand.class,
      TaskListCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "%nExit codes: 0 done, 1 refused or failed (one line on stderr says why), 2 usage error.",
      "%nExample:",
      "  proofmint task create --model 1 --steps 300 --reward 500 --duration 1h"
    })
public final class TaskCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
