package io.proofmint.cli.keys;

import io.proofmint.cli.LoggingMixin;
import io.proofmint.cli.Passwords;
import io.proofmint.wrappers.Signers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `proofmint keys address`: the address of one keystore. */
@Command(
    name = "address",
    mixinStandardHelpOptions = true,
    description = {
      "Print the address of a keystore.",
      "The address the file records is read without a password; with --verify (or when the file"
          + " records none) the keystore is decrypted, which proves the password opens it."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  proofmint keys address UTC--2026-12-07T23-58-21.000Z--f39fd6e5...json",
      "  proofmint keys address verifier.json --verify --password-file pw"
    })
public final class KeysAddressCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin LoggingMixin logging;

  @Parameters(index = "0", paramLabel = "KEYSTORE", description = "The V3 keystore file.")
  Path keystore;

  @Option(
      names = "--verify",
      description =
          "Decrypt the keystore and check that its key is the key of the address it records.")
  boolean verify;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "With --verify: file holding the keystore password (else env"
              + " PROOFMINT_KEYSTORE_PASSWORD, else a prompt).")
  Path passwordFile;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(keystore)) {
      throw new IOException("keystore " + keystore + ": no such file");
    }
    Optional<String> recorded = KeystoreDirectory.recordedAddress(keystore);
    String address;
    if (verify || recorded.isEmpty()) {
      char[] password = Passwords.existing(passwordFile, keystore);
      try {
        address = KeystoreDirectory.checksum(Signers.fromKeystore(keystore, password).getAddress());
      } finally {
        Arrays.fill(password, '\0');
      }
      if (recorded.isPresent() && !recorded.get().equals(address)) {
        throw new IOException(
            "keystore "
                + keystore
                + ": records address "
                + recorded.get()
                + " but its key is the key of "
                + address);
      }
    } else {
      address = recorded.get();
    }
    spec.commandLine().getOut().println(address);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
