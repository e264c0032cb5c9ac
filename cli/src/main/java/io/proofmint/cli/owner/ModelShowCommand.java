package io.proofmint.cli.owner;

import io.proofmint.cli.JsonOutput;
import io.proofmint.cli.TextTable;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `proofmint model show ID`: one model, its rules, lineage and token. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Show a model: owner, spec hash, dataset root, rules, head and token, its lineage (the"
            + " finalized tasks in order: who trained how many steps from which head to which),"
            + " and its token's holder count and total supply. Read-only: nothing is signed.",
    footer = {
      "%nExit codes: 0 shown, 1 unknown model or failed, 2 usage error.",
      "%nExample:",
      "  proofmint model show 1 --json"
    })
public final class ModelShowCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "The model id.")
  BigInteger id;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Mixin RegistryOptions registry;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (RegistryOptions.Session session = registry.readOnly()) {
      ModelLedger.Details m = new ModelLedger(session.suite()).details(id);
      if (json) {
        JsonOutput.print(m, out);
        return 0;
      }
      ModelLedger.RulesView r = m.rules();
      out.printf("model %s '%s' (%s)%n", m.id(), m.name(), m.symbol());
      out.printf("  owner         %s%n", m.owner());
      out.printf("  token         %s%n", m.token());
      out.printf("  spec hash     %s%n", m.specHash());
      out.printf("  dataset root  %s%n", m.datasetRoot());
      out.printf("  initial head  %s%n", m.initialHead());
      out.printf("  head          %s%n", m.head());
      out.printf(
          "  rules         k=%d q=%d m=%d dispute quorum=%d mode=%s tolerance=%d micros%n",
          r.segmentLength(),
          r.samples(),
          r.quorum(),
          r.disputeQuorum(),
          r.mode(),
          r.toleranceMicros());
      out.printf(
          "                challenge window %ds, verify timeout %ds, trainer bond %s, dispute bond"
              + " %s%n",
          r.challengeWindowSeconds(), r.verifyTimeoutSeconds(), r.trainerBond(), r.disputeBond());
      out.printf(
          "  supply        %s %s, %d holder(s); %s reserved for unsettled tasks%n",
          m.totalSupply(), m.symbol(), m.holders(), m.reservedSupply());
      out.printf("  tasks         %d created, %d finalized%n", m.tasks(), m.lineage().size());
      if (m.lineage().isEmpty()) {
        out.println("lineage: no finalized task yet; the head is the initial checkpoint");
      } else {
        out.println("lineage:");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TASK", "TRAINER", "STEPS", "FROM HEAD", "TO HEAD", "REWARD"});
        for (ModelLedger.Lineage l : m.lineage()) {
          rows.add(
              new String[] {
                l.task(),
                l.trainer(),
                Long.toString(l.steps()),
                l.fromHead(),
                l.toHead(),
                l.reward()
              });
        }
        TextTable.print(rows, out);
      }
      out.flush();
    }
    return 0;
  }
}
