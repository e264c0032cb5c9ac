package io.proofmint.cli;

import io.proofmint.cli.keys.KeystoreDirectory;
import io.proofmint.devnet.Devnet;
import io.proofmint.wrappers.Signers;
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
      paramLabel = "FILE|ADDRESS",
      description =
          "Encrypted V3 keystore of the signing account: a file, or the address of a keystore in"
              + " the keys directory (`proofmint keys list` shows them).")
  String keystore;

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
      Path file = keystoreFile();
      char[] password = Passwords.existing(passwordFile, file);
      try {
        return Signers.fromKeystore(file, password);
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

  /**
   * The signer's address without its key where possible: a keystore's recorded address needs no
   * password; only a keystore that records none is decrypted.
   */
  public String address(Devnet chain) throws IOException {
    if (keystore != null) {
      Path file = keystoreFile();
      if (!Files.isRegularFile(file)) {
        throw new IOException("keystore " + file + ": no such file");
      }
      var recorded = KeystoreDirectory.recordedAddress(file);
      if (recorded.isPresent()) {
        return recorded.get();
      }
    }
    return resolve(chain).getAddress();
  }

  /** --keystore as a file: the path itself, or the keystore of that address in the keys dir. */
  Path keystoreFile() throws IOException {
    Path asPath = Path.of(keystore);
    if (Files.exists(asPath) || !KeystoreDirectory.looksLikeAddress(keystore)) {
      return asPath;
    }
    Path dir = Workspace.locate().keys();
    return KeystoreDirectory.at(dir)
        .find(keystore)
        .orElseThrow(
            () ->
                new IOException(
                    "--keystore "
                        + keystore
                        + ": no such file, and no keystore of that address in "
                        + dir
                        + " (`proofmint keys list` shows them)"))
        .file();
  }
}
