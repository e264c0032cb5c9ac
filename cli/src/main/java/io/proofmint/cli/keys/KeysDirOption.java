package io.proofmint.cli.keys;

import io.proofmint.cli.Workspace;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --keys-dir: the directory of keystores, the one `--keystore ADDRESS` looks in by default. */
public final class KeysDirOption {

  @Option(
      names = "--keys-dir",
      paramLabel = "DIR",
      description =
          "Directory of the keystores (default: env PROOFMINT_KEYS_DIR, else .proofmint/keys, the"
              + " directory where `--keystore ADDRESS` of the other commands looks).")
  Path dir;

  KeystoreDirectory resolve() {
    return KeystoreDirectory.at(dir != null ? dir : Workspace.locate().keys());
  }
}
