package io.proofmint.cli.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.proofmint.cli.LoggingMixin;
import io.proofmint.cli.TextTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `proofmint keys list`: address and file of every keystore in the keys directory. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = {
      "List the keystores: address and file of each.",
      "Addresses are read without any password. Files of the keys directory that are not V3"
          + " keystores are named on standard error."
    },
    footerHeading = "%nExamples:%n",
    footer = {"  proofmint keys list", "  proofmint keys list --json | jq -r '.[].address'"})
public final class KeysListCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin LoggingMixin logging;
  @Mixin KeysDirOption keysDir;

  @Option(names = "--json", description = "Print a JSON array of {address, file} instead.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    KeystoreDirectory dir = keysDir.resolve();
    KeystoreDirectory.Listing listing = dir.list();
    PrintWriter out = spec.commandLine().getOut();
    for (String skipped : listing.skipped()) {
      spec.commandLine().getErr().println("skipped " + skipped);
    }
    if (json) {
      List<Map<String, String>> rows = new ArrayList<>();
      for (KeystoreDirectory.Entry e : listing.keystores()) {
        rows.add(Map.of("address", e.address(), "file", e.file().toString()));
      }
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
    } else if (listing.keystores().isEmpty()) {
      out.println("no keystores in " + dir.dir() + " (`proofmint keys new` creates one)");
    } else {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"ADDRESS", "FILE"});
      for (KeystoreDirectory.Entry e : listing.keystores()) {
        rows.add(new String[] {e.address(), e.file().toString()});
      }
      TextTable.print(rows, out);
    }
    out.flush();
    return 0;
  }
}
