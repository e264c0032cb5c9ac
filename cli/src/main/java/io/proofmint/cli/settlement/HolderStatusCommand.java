package io.proofmint.cli.settlement;

import io.proofmint.cli.Amounts;
import io.proofmint.cli.ChainOptions;
import io.proofmint.cli.JsonOutput;
import io.proofmint.cli.LoggingMixin;
import io.proofmint.cli.SignerOptions;
import io.proofmint.cli.TextTable;
import io.proofmint.cli.Workspace;
import io.proofmint.devnet.ExternalNode;
import io.proofmint.protocol.crypto.Address;
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
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.tx.ReadonlyTransactionManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `proofmint holder status`: balance and claimable revenue per model token. */
@Command(
    name = "status",
    footer = {"", "Example:", "  proofmint holder status --account 0xYOURADDRESS"},
    mixinStandardHelpOptions = true,
    description = {
      "List, per model token, the account's balance and the revenue it can claim now.",
      "Read-only: nothing is signed when --account is given."
    })
public final class HolderStatusCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin LoggingMixin logging;
  @Mixin ChainOptions chainOptions;
  @Mixin SignerOptions signerOptions;
  @Mixin ManifestOption manifestOption;

  @Option(
      names = "--account",
      paramLabel = "ADDRESS",
      description = "The holder to show (default: the signer's address).")
  String account;

  @Option(names = "--all", description = "Also list model tokens the account holds none of.")
  boolean all;

  @Option(
      names = "--json",
      description =
          "Print JSON instead of a table: the holder, the chain, the payment asset and one entry per model token (amounts in base units and in token units).")
  boolean json;

  /** One row of `--json`. */
  record PositionJson(
      String modelId,
      String symbol,
      String token,
      String balance,
      String balanceTokens,
      String claimable,
      String claimableAsset) {}

  /** `--json`'s document. */
  record StatusJson(
      String holder, long chainId, String asset, int assetDecimals, List<PositionJson> positions) {}

  @Override
  public Integer call() throws Exception {
    Workspace workspace = Workspace.locate();
    PrintWriter out = spec.commandLine().getOut();
    ExternalNode node = chainOptions.connect(workspace);
    DeploymentManifest manifest = DeploymentManifest.read(manifestOption.resolve(workspace));
    String holder =
        account != null
            ? Address.fromHex(account).toHex()
            : signerOptions.resolve(node).getAddress();
    try (ChainConnection chain =
        ChainConnection.open(node.rpcUrl(), OptionalLong.of(node.chainId()))) {
      // Reads only: a throwaway key and a read-only sender; nothing is ever signed.
      Suite suite =
          Suite.load(
              chain,
              manifest,
              Credentials.create(Keys.createEcKeyPair()),
              new ReadonlyTransactionManager(chain.web3j(), holder));
      int decimals = suite.paymentToken().decimals().send().intValueExact();
      String asset = suite.paymentToken().symbol().send();
      List<HolderPosition> positions = new HolderAccounts(suite).positions(holder);
      if (json) {
        List<PositionJson> shown = new ArrayList<>();
        for (HolderPosition p : positions) {
          if (all || !p.isEmpty()) {
            shown.add(
                new PositionJson(
                    p.modelId().toString(),
                    p.symbol(),
                    p.token(),
                    p.balance().toString(),
                    Amounts.format(p.balance(), 18),
                    p.claimable().toString(),
                    Amounts.format(p.claimable(), decimals)));
          }
        }
        JsonOutput.print(new StatusJson(holder, chain.chainId(), asset, decimals, shown), out);
        return 0;
      }
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"MODEL", "SYMBOL", "TOKEN", "BALANCE", "CLAIMABLE " + asset});
      for (HolderPosition p : positions) {
        if (all || !p.isEmpty()) {
          rows.add(
              new String[] {
                p.modelId().toString(),
                p.symbol(),
                p.token(),
                Amounts.format(p.balance(), 18),
                Amounts.format(p.claimable(), decimals)
              });
        }
      }
      out.println("holder " + holder + " on chain " + chain.chainId());
      if (rows.size() == 1) {
        out.println(
            positions.isEmpty()
                ? "no models are registered"
                : "holds none of the " + positions.size() + " model token(s) (--all lists them)");
      } else {
        TextTable.print(rows, out);
      }
    }
    return 0;
  }
}
