package io.proofmint.cli;

import io.proofmint.devnet.Devnet;
import io.proofmint.wrappers.Signers;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Option;

/**
 * Who signs: an encrypted keystore (any chain), or on a devnet an explicit key from the environment
 * or one of the devnet's funded accounts. Keys and passwords are never printed.
 */
public final class SignerOptions {

  @Option(
      names = "--keystore",
      paramLabel = "FILE",
      description = "Encrypted V3 keystore file of the signing account.")
  Path keystore;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "File holding the keystore password (else env PROOFMINT_KEYSTORE_PASSWORD, else a"
              + " prompt).")
  Path passwordFile;

  @Option(
      names = "--devnet-account",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "On a devnet without --keystore: sign with funded account N (default: ${DEFAULT-VALUE})."
              + " Env PROOFMINT_DEVNET_KEY (a hex key) takes precedence.")
  int devnetAccount;

  public Credentials resolve(Devnet chain) throws IOException {
    if (keystore != null) {
      char[] password = password();
      try {
        return Signers.fromKeystore(keystore, password);
      } finally {
        Arrays.fill(password, '\0');
      }
    }
    String envKey = System.getenv("PROOFMINT_DEVNET_KEY");
    if (envKey != null && !envKey.isBlank()) {
      return Signers.devnetKey(envKey, chain.chainId());
    }
    Signers.requireDevnet(chain.chainId());
    List<Credentials> funded = chain.fundedAccounts();
    if (devnetAccount < 0 || devnetAccount >= funded.size()) {
      throw new IllegalArgumentException(
          "--devnet-account: expected 0.." + (funded.size() - 1) + ", got " + devnetAccount);
    }
    return funded.get(devnetAccount);
  }

  private char[] password() throws IOException {
    if (passwordFile != null) {
      return Files.readString(passwordFile).strip().toCharArray();
    }
    String env = System.getenv("PROOFMINT_KEYSTORE_PASSWORD");
    if (env != null) {
      return env.toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      throw new IOException(
          "keystore "
              + keystore
              + ": no password given (use --password-file or"
              + " PROOFMINT_KEYSTORE_PASSWORD; there is no terminal to ask)");
    }
    return console.readPassword("Password for %s: ", keystore);
  }
}
