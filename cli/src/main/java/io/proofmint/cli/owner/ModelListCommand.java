package io.proofmint.cli.owner;

import io.proofmint.cli.JsonOutput;
import io.proofmint.cli.TextTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `proofmint model list`: every registered model. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description =
        "List every registered model: id, token name and symbol, owner, head and how many tasks"
            + " it has. Read-only: nothing is signed.",
    footer = {
      "%nExit codes: 0 listed, 1 failed, 2 usage error.",
      "%nExample:",
      "  proofmint model list --rpc http://127.0.0.1:8545"
    })
public final class ModelListCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print JSON (an array) instead of a table.")
  boolean json;

  @Mixin RegistryOptions registry;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (RegistryOptions.Session session = registry.readOnly()) {
      List<ModelLedger.Summary> models = new ModelLedger(session.suite()).all();
      if (json) {
        JsonOutput.print(models, out);
        return 0;
      }
      if (models.isEmpty()) {
        out.println("no models are registered");
        out.flush();
        return 0;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"ID", "NAME", "SYMBOL", "OWNER", "HEAD", "TASKS"});
      for (ModelLedger.Summary m : models) {
        rows.add(
            new String[] {
              m.id(), m.name(), m.symbol(), m.owner(), m.head(), Integer.toString(m.tasks())
            });
      }
      TextTable.print(rows, out);
    }
    return 0;
  }
}
