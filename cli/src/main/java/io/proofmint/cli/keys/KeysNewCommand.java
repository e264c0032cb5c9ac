package io.proofmint.cli.keys;

import io.proofmint.cli.LoggingMixin;
import io.proofmint.cli.Passwords;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.web3j.crypto.Keys;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `proofmint keys new`: a new random key in a new keystore. */
@Command(
    name = "new",
    mixinStandardHelpOptions = true,
    description = {
      "Create an account: a new random key in a new keystore.",
      "The key is encrypted with scrypt (N=2^18, r=8, p=1: web3j's standard parameters) into a"
          + " V3 keystore in the keys directory. Prints the address on standard output and the"
          + " keystore file on standard error."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  ADDR=$(proofmint keys new --password-file ~/.proofmint/pw)",
      "  proofmint stake show --keystore $ADDR"
    })
public final class KeysNewCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin LoggingMixin logging;
  @Mixin KeysDirOption keysDir;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "File holding the new keystore's password (else env PROOFMINT_KEYSTORE_PASSWORD, else"
              + " typed twice on the terminal).")
  Path passwordFile;

  @Option(
      names = "--light",
      description =
          "Encrypt with light scrypt (N=2^12, p=6) instead. WEAKER: it opens about ten times faster, and"
              + " each password guess then costs an attacker about a tenth of the work and a"
              + " sixty-fourth of the memory. Only for throwaway keys.")
  boolean light;

  @Override
  public Integer call() throws Exception {
    KeystoreDirectory dir = keysDir.resolve();
    char[] password = Passwords.chooseNew(passwordFile, "new keystore in " + dir.dir());
    KeystoreDirectory.Entry entry;
    try {
      entry =
          dir.create(
              Keys.createEcKeyPair(),
              password,
              light ? KeystoreDirectory.Scrypt.LIGHT : KeystoreDirectory.Scrypt.STANDARD);
    } finally {
      Arrays.fill(password, '\0');
    }
    KeysOutput.written(spec, dir, entry, light ? "light scrypt" : "scrypt");
    return 0;
  }
}
