package io.proofmint.cli.owner;

import io.proofmint.cli.JsonOutput;
import io.proofmint.cli.TextTable;
import io.proofmint.wrappers.registry.TaskStatus;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `proofmint task list`: tasks, of one model or all, in one state or any. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "List tasks in id order: model, status, trainer, steps, reward, fee and the head each"
            + " trains from. Read-only: nothing is signed.",
    footer = {
      "%nExit codes: 0 listed, 1 unknown model or failed, 2 usage error.",
      "%nExample:",
      "  proofmint task list --model 1 --status open --json"
    })
public final class TaskListCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "ID", description = "Only this model's tasks.")
  BigInteger model;

  @Option(
      names = "--status",
      paramLabel = "STATUS",
      description = "Only tasks in this state: ${COMPLETION-CANDIDATES}.")
  TaskStatus status;

  @Option(names = "--json", description = "Print JSON (an array) instead of a table.")
  boolean json;

  @Mixin RegistryOptions registry;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (RegistryOptions.Session session = registry.readOnly()) {
      List<TaskLedger.Summary> tasks =
          new TaskLedger(session.suite())
              .list(Optional.ofNullable(model), Optional.ofNullable(status));
      if (json) {
        JsonOutput.print(tasks, out);
        return 0;
      }
      if (tasks.isEmpty()) {
        out.println("no tasks" + (model == null && status == null ? "" : " match"));
        out.flush();
        return 0;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(
          new String[] {"ID", "MODEL", "STATUS", "TRAINER", "STEPS", "REWARD", "FEE", "FROM HEAD"});
      for (TaskLedger.Summary t : tasks) {
        rows.add(
            new String[] {
              t.id(),
              t.model(),
              t.status(),
              t.trainer() == null ? "-" : t.trainer(),
              Long.toString(t.steps()),
              t.reward(),
              t.verifierFee(),
              t.parent()
            });
      }
      TextTable.print(rows, out);
    }
    return 0;
  }
}
