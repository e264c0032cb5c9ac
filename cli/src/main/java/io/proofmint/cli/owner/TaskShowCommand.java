package io.proofmint.cli.owner;

import io.proofmint.cli.JsonOutput;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `proofmint task show ID`: one task as the registry holds it. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description =
        "Show a task: status, model, trainer, steps, reward and fee, the head it trains from, the"
            + " committed root and locator, its deadline and what that deadline is, the seed and"
            + " the attestation state. Read-only: nothing is signed.",
    footer = {
      "%nExit codes: 0 shown, 1 unknown task or failed, 2 usage error.",
      "%nExample:",
      "  proofmint task show 3 --json"
    })
public final class TaskShowCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID", description = "The task id.")
  BigInteger id;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Mixin RegistryOptions registry;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (RegistryOptions.Session session = registry.readOnly()) {
      TaskLedger.Details t = new TaskLedger(session.suite()).details(id);
      if (json) {
        JsonOutput.print(t, out);
        return 0;
      }
      out.printf("task %s of model %s: %s%n", t.id(), t.model(), t.status());
      out.printf("  trainer       %s%n", t.trainer() == null ? "none yet" : t.trainer());
      out.printf(
          "  steps         %d, reward %s, fee %s model tokens, %ds from claim to commit%n",
          t.steps(), t.reward(), t.verifierFee(), t.durationSeconds());
      out.printf("  from head     %s (the model's head now: %s)%n", t.parent(), t.modelHead());
      out.printf("  root          %s%n", orDash(t.root()));
      out.printf("  final ckpt    %s%n", orDash(t.finalCheckpoint()));
      out.printf("  locator       %s%n", orDash(t.locator()));
      out.printf(
          "  deadline      %s%n",
          t.deadline() == null ? "-" : t.deadlineUtc() + " (" + t.deadlineMeaning() + ")");
      out.printf(
          "  seed          %s%s%n",
          orDash(t.seed()), t.seedBlock() == 0 ? "" : " (seed block " + t.seedBlock() + ")");
      TaskLedger.Attestation a = t.attestation();
      out.printf(
          "  attestation   %s%n",
          !a.attested()
              ? "none yet"
              : a.verdict()
                  + ("fraud".equals(a.verdict()) ? " at segment " + a.failingSegment() : "")
                  + (a.attesterRewardsPaid() ? ", attesters paid" : ", attesters not paid yet")
                  + (a.disputer() == null ? "" : ", disputed by " + a.disputer()));
      out.flush();
    }
    return 0;
  }

  private static String orDash(String s) {
    return s == null ? "-" : s;
  }
}
