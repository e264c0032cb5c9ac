package io.proofmint.cli.settlement;

import io.proofmint.cli.Amounts;
import io.proofmint.cli.ChainOptions;
import io.proofmint.cli.LoggingMixin;
import io.proofmint.cli.SignerOptions;
import io.proofmint.cli.TextTable;
import io.proofmint.cli.Workspace;
import io.proofmint.devnet.ExternalNode;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.settlement.holder.ClaimOutcome;
import io.proofmint.settlement.holder.HolderAccounts;
import io.proofmint.settlement.holder.HolderPosition;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.suite.Suite;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `proofmint holder claim`: claim revenue of one or every model token. */
@Command(
    name = "claim",
    footer = {
      "",
      "Example:",
      "  proofmint holder claim --keystore holder.json   # every token with revenue"
    },
    mixinStandardHelpOptions = true,
    description = {
      "Claim the signer's revenue from one model token or from all of them.",
      "Without --model, every model token with revenue to claim; a token with nothing claimable is skipped (no transaction)."
    })
public final class HolderClaimCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin LoggingMixin logging;
  @Mixin ChainOptions chainOptions;
  @Mixin SignerOptions signerOptions;
  @Mixin ManifestOption manifestOption;

  @Option(
      names = "--model",
      paramLabel = "TOKEN",
      description = "The model token to claim from (default: every one with revenue to claim).")
  String model;

  @Override
  public Integer call() throws Exception {
    Workspace workspace = Workspace.locate();
    PrintWriter out = spec.commandLine().getOut();
    ExternalNode node = chainOptions.connect(workspace);
    DeploymentManifest manifest = DeploymentManifest.read(manifestOption.resolve(workspace));
    try (ChainConnection chain =
        ChainConnection.open(node.rpcUrl(), OptionalLong.of(node.chainId()))) {
      Suite suite = Suite.load(chain, manifest, signerOptions.resolve(node));
      HolderAccounts accounts = new HolderAccounts(suite);
      String holder = suite.account().getAddress();
      List<String> tokens = new ArrayList<>();
      if (model != null) {
        tokens.add(Address.fromHex(model).toHex());
      } else {
        for (HolderPosition p : accounts.positions(holder)) {
          if (p.claimable().signum() > 0) {
            tokens.add(p.token());
          }
        }
      }
      int decimals = suite.paymentToken().decimals().send().intValueExact();
      String asset = suite.paymentToken().symbol().send();
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"SYMBOL", "TOKEN", "PAID " + asset, "GAS", "TRANSACTION"});
      for (String token : tokens) {
        ClaimOutcome c = accounts.claim(token);
        rows.add(
            new String[] {
              c.symbol(),
              token,
              c.skipped() ? "nothing to claim" : Amounts.format(c.paid(), decimals),
              c.skipped() ? "-" : Long.toString(c.gasUsed()),
              c.skipped() ? "-" : c.txHash()
            });
      }
      out.println("holder " + holder);
      if (tokens.isEmpty()) {
        out.println("nothing to claim");
      } else {
        TextTable.print(rows, out);
      }
    }
    return 0;
  }
}
