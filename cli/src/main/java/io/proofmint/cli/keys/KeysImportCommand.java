package io.proofmint.cli.keys;

import io.proofmint.cli.LoggingMixin;
import io.proofmint.cli.Passwords;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.web3j.crypto.ECKeyPair;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `proofmint keys import`: a raw key or an existing keystore into the keys directory. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import an account: a raw private key or an existing keystore.",
      "A raw private key (from a file or standard input, never from an argument) is encrypted with"
          + " scrypt into a new V3 keystore; an existing V3 keystore is copied after its password"
          + " was checked. Prints the address on standard output. Refuses an address the keys"
          + " directory already holds."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  proofmint keys import --private-key-file key.hex --password-file pw",
      "  pass show eth/verifier | proofmint keys import --private-key-file -",
      "  proofmint keys import --keystore ~/UTC--2026-01-01T00-00-00Z--ab12...json"
    })
public final class KeysImportCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin LoggingMixin logging;
  @Mixin KeysDirOption keysDir;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(
        names = "--private-key-file",
        paramLabel = "FILE|-",
        description =
            "File holding the private key as 64 hex digits (0x optional); - reads it from standard"
                + " input.")
    String privateKeyFile;

    @Option(
        names = "--keystore",
        paramLabel = "FILE",
        description =
            "An existing V3 keystore to copy in; its encryption is kept, and the password is the"
                + " one that opens it.")
    Path keystore;
  }

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "File holding the password: of the new keystore with --private-key-file, of the given"
              + " keystore with --keystore (else env PROOFMINT_KEYSTORE_PASSWORD, else a prompt).")
  Path passwordFile;

  @Option(
      names = "--light",
      description =
          "With --private-key-file: encrypt with light scrypt (N=2^12, p=6). WEAKER: each password"
              + " guess costs an attacker about a tenth of the work and a sixty-fourth of the"
              + " memory. Only for throwaway keys.")
  boolean light;

  @Override
  public Integer call() throws Exception {
    if (light && source.keystore != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--light: only with --private-key-file (an imported keystore keeps its encryption)");
    }
    KeystoreDirectory dir = keysDir.resolve();
    KeystoreDirectory.Entry entry;
    String how;
    if (source.keystore != null) {
      char[] password = Passwords.existing(passwordFile, source.keystore);
      try {
        entry = dir.importKeystore(source.keystore, password);
      } finally {
        Arrays.fill(password, '\0');
      }
      how = "copied from " + source.keystore;
    } else {
      ECKeyPair key = PrivateKeyInput.read(source.privateKeyFile, System.in);
      char[] password = Passwords.chooseNew(passwordFile, "new keystore in " + dir.dir());
      try {
        entry =
            dir.create(
                key,
                password,
                light ? KeystoreDirectory.Scrypt.LIGHT : KeystoreDirectory.Scrypt.STANDARD);
      } finally {
        Arrays.fill(password, '\0');
      }
      how = light ? "light scrypt" : "scrypt";
    }
    KeysOutput.written(spec, dir, entry, how);
    return 0;
  }
}
