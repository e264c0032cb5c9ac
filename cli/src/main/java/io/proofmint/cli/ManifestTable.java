package io.proofmint.cli;

import io.proofmint.wrappers.DeployedContract;
import io.proofmint.wrappers.DeploymentManifest;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Prints a deployment manifest for people: the chain, then one row per contract. */
public final class ManifestTable {

  private ManifestTable() {}

  public static void print(DeploymentManifest m, PrintWriter out) {
    out.printf(
        "chain %d at %s, deployed by %s from block %d (solc %s)%n",
        m.chainId(), m.rpcUrl(), m.deployer(), m.deployBlock(), m.compilerVersion());
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"role", "contract", "address", "block", "runtime code keccak256"});
    for (Map.Entry<String, DeployedContract> e : m.contracts().entrySet()) {
      DeployedContract c = e.getValue();
      rows.add(
          new String[] {
            e.getKey(),
            c.artifact(),
            c.address(),
            Long.toString(c.block()),
            c.runtimeCodeKeccak256()
          });
    }
    TextTable.print(rows, out);
  }
}
