package io.proofmint.cli.bench;

import io.proofmint.cli.Workspace;
import io.proofmint.devnet.AnvilDevnet;
import io.proofmint.devnet.AnvilOptions;
import io.proofmint.devnet.SuiteDeployer;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.ContractArtifacts;
import io.proofmint.wrappers.DeploymentManifest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `proofmint bench gas`: receipt gas of every user-facing transaction against its target. */
@Command(
    name = "gas",
    footer = {"", "Example:", "  proofmint bench gas"},
    mixinStandardHelpOptions = true,
    description =
        "Gas of each user-facing transaction (receipt gasUsed, 21,000 base included) on a fresh anvil, against the targets in docs/benchmarks.md. Exits 1 if any target is missed.")
public final class GasBenchCommand implements Callable<Integer> {

  @Mixin BenchOutput output;

  @Override
  public Integer call() throws Exception {
    Workspace workspace = Workspace.locate();
    Path target = output.target(workspace);
    PrintWriter console = output.console();
    GasReport report;
    AnvilOptions options =
        new AnvilOptions(
            AnvilOptions.DEFAULT_CHAIN_ID,
            GasBenchmark.ACCOUNTS,
            0,
            workspace.log("anvil-bench-gas.log"),
            Duration.ofSeconds(30));
    try (AnvilDevnet devnet = AnvilDevnet.start(options);
        ChainConnection chain =
            ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(devnet.chainId()))) {
      console.println("  deploying the contract suite");
      DeploymentManifest manifest =
          new SuiteDeployer(
                  chain,
                  devnet.fundedAccounts().get(0),
                  ContractArtifacts.load(),
                  Clock.systemUTC(),
                  line -> {})
              .deploy(workspace.dir().resolve("bench").resolve("gas-deployment.json"));
      report =
          new GasBenchmark(
                  chain, manifest, devnet.fundedAccounts(), line -> console.println("  " + line))
              .run();
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"transaction", "gas used", "target", ""});
    for (GasResult r : report.results()) {
      rows.add(
          new String[] {
            r.operation(),
            String.format("%,d", r.gasUsed()),
            r.target() == 0 ? "-" : String.format("<= %,d", r.target()),
            r.target() == 0 ? "" : (r.withinTarget() ? "ok" : "OVER")
          });
    }
    output.table(rows);
    output.write(target, report, report.machine());
    return report.allWithinTarget() ? 0 : 1;
  }
}
