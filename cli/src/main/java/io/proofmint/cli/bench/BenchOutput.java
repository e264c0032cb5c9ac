package io.proofmint.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.proofmint.cli.LoggingMixin;
import io.proofmint.cli.TextTable;
import io.proofmint.cli.Workspace;
import io.proofmint.protocol.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every benchmark command shares: -v, --out, and how results come out: a table on the console
 * and the report as JSON in .proofmint/bench/&lt;command&gt;.json (or --out).
 */
final class BenchOutput {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Mixin LoggingMixin logging;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Results file (default: .proofmint/bench/${COMMAND-NAME}.json).")
  Path out;

  PrintWriter console() {
    return spec.commandLine().getOut();
  }

  /** Where the results go: --out, else the command's file under the workspace's bench folder. */
  Path target(Workspace workspace) {
    return out != null ? out : workspace.bench(spec.name() + ".json");
  }

  /** Prints {@code rows} as a table after a blank line; the first row is the header. */
  void table(List<String[]> rows) {
    console().println();
    TextTable.print(rows, console());
  }

  /** Says on which machine the numbers were taken, writes {@code report} as JSON and says where. */
  void write(Path target, Object report, String machine) throws IOException {
    console().println("machine: " + machine);
    AtomicFiles.writeString(
        target,
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report)
            + "\n");
    console().println("results: " + target);
  }
}
