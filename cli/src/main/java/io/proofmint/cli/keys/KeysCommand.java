package io.proofmint.cli.keys;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `proofmint keys`: create, import and list encrypted V3 keystores. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = {
      "Accounts: create, import and list encrypted V3 keystores.",
      "Other commands sign with one through --keystore FILE or --keystore ADDRESS (a keystore of"
          + " the keys directory). Keys and passwords are never printed or logged."
    },
    subcommands = {
      KeysNewCommand.class,
      KeysImportCommand.class,
      KeysListCommand.class,
      KeysAddressCommand.class,
      CommandLine.HelpCommand.class
    },
    footerHeading = "%nPasswords:%n",
    footer = {
      "A password is read from --password-file FILE, else from env PROOFMINT_KEYSTORE_PASSWORD, else"
          + " typed on the terminal (not echoed). It is never an option value.",
      "",
      "Exit codes: 0 done, 1 refused or failed (one line on stderr says why), 2 wrong usage.",
      "",
      "Example:",
      "  proofmint keys new --password-file pw      # prints the new account's address",
      "  proofmint keys list"
    })
public final class KeysCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
