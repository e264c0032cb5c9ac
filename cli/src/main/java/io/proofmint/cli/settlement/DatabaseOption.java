package io.proofmint.cli.settlement;

import io.proofmint.cli.Workspace;
import io.proofmint.settlement.db.Database;
import picocli.CommandLine.Option;

/** --db: the settlement database shared by the keeper and the model server. */
public final class DatabaseOption {

  @Option(
      names = "--db",
      paramLabel = "JDBC-URL",
      defaultValue = "${env:PROOFMINT_SETTLEMENT_DB}",
      description =
          "Settlement database (env PROOFMINT_SETTLEMENT_DB): any JDBC URL, e.g."
              + " jdbc:postgresql://127.0.0.1/proofmint?user=pm&password=... Default: an H2 file"
              + " under .proofmint/settlement, which `settlement run` and `serve` can share.")
  String url;

  public String resolve(Workspace workspace) {
    return url != null && !url.isBlank()
        ? url
        : Database.h2FileUrl(workspace.dir().resolve("settlement"));
  }
}
