package io.proofmint.cli.settlement;

import io.proofmint.cli.ProofmintCommand;
import picocli.CommandLine;

/** Finds a subcommand of the configured proofmint command line by its path ("holder claim"). */
final class ProofmintCommandLines {

  private ProofmintCommandLines() {}

  static CommandLine find(String path) {
    CommandLine cmd = ProofmintCommand.commandLine();
    for (String name : path.split(" ")) {
      cmd = cmd.getSubcommands().get(name);
      if (cmd == null) {
        throw new IllegalArgumentException("no command " + path);
      }
    }
    return cmd;
  }
}
