package io.proofmint.cli.keys;

import java.io.IOException;
import picocli.CommandLine.Model.CommandSpec;

/** What `keys new` and `keys import` print: the address on stdout, the file on stderr. */
final class KeysOutput {

  private KeysOutput() {}

  static void written(
      CommandSpec spec, KeystoreDirectory dir, KeystoreDirectory.Entry entry, String how)
      throws IOException {
    spec.commandLine().getOut().println(entry.address());
    spec.commandLine().getOut().flush();
    var err = spec.commandLine().getErr();
    err.println("keystore " + entry.file() + " (" + how + ", mode 0600)");
    if (dir.isOpenToOthers()) {
      err.println(
          "warning: keys directory "
              + dir.dir()
              + " is open to other users (expected mode 0700): chmod 700 it");
    }
    err.flush();
  }
}
