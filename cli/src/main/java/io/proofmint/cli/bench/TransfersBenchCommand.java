package io.proofmint.cli.bench;

import io.proofmint.cli.Workspace;
import io.proofmint.devnet.AnvilDevnet;
import io.proofmint.devnet.AnvilOptions;
import io.proofmint.devnet.Devnet;
import io.proofmint.devnet.ExternalNode;
import io.proofmint.wrappers.ChainConnection;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `proofmint bench transfers`: ERC-20 transfers per second through the wrappers vs the node. */
@Command(
    name = "transfers",
    footer = {"", "Example:", "  proofmint bench transfers"},
    mixinStandardHelpOptions = true,
    description =
        "ERC-20 transfers per second on one anvil: wrapper sequential (receipt each), wrapper pipelined, and pre-signed raw transactions posted as JSON-RPC batches (the node's capacity).")
public final class TransfersBenchCommand implements Callable<Integer> {

  @Mixin BenchOutput output;

  @Option(
      names = "--count",
      defaultValue = "2000",
      description = "Transfers in the pipelined and raw modes (default: ${DEFAULT-VALUE}).")
  int count = 2000;

  @Option(
      names = "--sequential",
      defaultValue = "300",
      description = "Transfers in the sequential mode (default: ${DEFAULT-VALUE}).")
  int sequential = 300;

  @Option(
      names = "--batch-size",
      defaultValue = "100",
      description = "Raw transactions per JSON-RPC batch (default: ${DEFAULT-VALUE}).")
  int batchSize = 100;

  @Option(
      names = "--rpc",
      paramLabel = "URL",
      description = "Use this devnet node instead of starting anvil.")
  URI rpc;

  @Override
  public Integer call() throws Exception {
    Workspace workspace = Workspace.locate();
    Path target = output.target(workspace);
    PrintWriter console = output.console();
    TransferReport report;
    try (Devnet devnet =
            rpc != null
                ? ExternalNode.connect(rpc)
                : AnvilDevnet.start(AnvilOptions.defaults(workspace.log("anvil-bench.log")));
        ChainConnection chain =
            ChainConnection.open(devnet.rpcUrl(), OptionalLong.of(devnet.chainId()))) {
      report =
          new TransferBenchmark(
                  chain, devnet.fundedAccounts(), line -> console.println("  " + line))
              .run(sequential, count, batchSize);
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"mode", "transfers", "seconds", "transfers/s"});
    for (TransferResult r : report.results()) {
      rows.add(
          new String[] {
            r.mode(),
            Integer.toString(r.transfers()),
            String.format("%.2f", r.seconds()),
            String.format("%.0f", r.transfersPerSecond())
          });
    }
    output.table(rows);
    console.printf("wrapper-pipelined / raw-batch = %.2f%n", report.pipelinedToRaw());
    output.write(target, report, report.machine());
    return 0;
  }
}
