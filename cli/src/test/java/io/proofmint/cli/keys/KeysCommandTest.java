package io.proofmint.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proofmint.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `keys new|import|list|address` as an operator runs them (light scrypt, to stay quick). */
class KeysCommandTest {

  @TempDir Path tmp;
  private Path keys;
  private Path password;

  @BeforeEach
  void setUp() throws Exception {
    keys = tmp.resolve("keys");
    password = tmp.resolve("pw");
    Files.writeString(password, "s3cret pass\n");
  }

  @Test
  void new_printsTheAddress_andListShowsIt_asTextAndJson() throws Exception {
    CliRun created =
        CliRun.of(
            "keys",
            "new",
            "--keys-dir",
            keys.toString(),
            "--password-file",
            password.toString(),
            "--light");
    assertThat(created.exitCode()).as(created.err()).isZero();
    String address = created.out().strip();
    assertThat(address).matches("0x[0-9a-fA-F]{40}");
    assertThat(created.err()).contains("keystore " + keys, "light scrypt", "mode 0600");

    CliRun list = CliRun.of("keys", "list", "--keys-dir", keys.toString());
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).contains("ADDRESS", "FILE", address, keys.toString());

    CliRun json = CliRun.of("keys", "list", "--keys-dir", keys.toString(), "--json");
    JsonNode rows = new ObjectMapper().readTree(json.out());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("address").asText()).isEqualTo(address);
    Path file = Path.of(rows.get(0).get("file").asText());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");

    CliRun shown = CliRun.of("keys", "address", file.toString());
    assertThat(shown.out().strip()).isEqualTo(address);
    CliRun verified =
        CliRun.of(
            "keys", "address", file.toString(), "--verify", "--password-file", password.toString());
    assertThat(verified.exitCode()).as(verified.err()).isZero();
    assertThat(verified.out().strip()).isEqualTo(address);
    // Neither the key nor the password is ever printed.
    for (CliRun run : new CliRun[] {created, list, json, shown, verified}) {
      assertThat(run.out() + run.err()).doesNotContain("s3cret");
    }
  }

  @Test
  void wrongPassword_saysSo_andExitsOne() throws Exception {
    CliRun created =
        CliRun.of(
            "keys",
            "new",
            "--keys-dir",
            keys.toString(),
            "--password-file",
            password.toString(),
            "--light");
    Path file =
        Path.of(
            new ObjectMapper()
                .readTree(CliRun.of("keys", "list", "--keys-dir", keys.toString(), "--json").out())
                .get(0)
                .get("file")
                .asText());
    Path wrong = tmp.resolve("wrong");
    Files.writeString(wrong, "not it");

    CliRun verify =
        CliRun.of(
            "keys", "address", file.toString(), "--verify", "--password-file", wrong.toString());
    assertThat(verify.exitCode()).isEqualTo(1);
    assertThat(verify.err()).contains("error: keystore " + file, "wrong password");

    CliRun importIt =
        CliRun.of(
            "keys",
            "import",
            "--keys-dir",
            tmp.resolve("other").toString(),
            "--keystore",
            file.toString(),
            "--password-file",
            wrong.toString());
    assertThat(importIt.exitCode()).isEqualTo(1);
    assertThat(importIt.err()).contains("wrong password");
    assertThat(created.out()).isNotBlank();
  }

  @Test
  void importOfAPrivateKeyFile_writesItsKeystore_andRefusesASecondImport() throws Exception {
    Path keyFile = tmp.resolve("key.hex");
    Files.writeString(keyFile, KeystoreDirectoryTest.ANVIL_KEY + "\n");
    String[] args = {
      "keys",
      "import",
      "--keys-dir",
      keys.toString(),
      "--private-key-file",
      keyFile.toString(),
      "--password-file",
      password.toString(),
      "--light"
    };

    CliRun first = CliRun.of(args);
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out().strip()).isEqualTo(KeystoreDirectoryTest.ANVIL_ADDRESS);
    assertThat(first.out() + first.err()).doesNotContain(KeystoreDirectoryTest.ANVIL_KEY);

    CliRun second = CliRun.of(args);
    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.err())
        .contains(
            "already holds the keystore of " + KeystoreDirectoryTest.ANVIL_ADDRESS,
            "not overwritten");
  }

  @Test
  void usageErrors_exitTwo() {
    assertThat(CliRun.of("keys", "import", "--keys-dir", keys.toString()).exitCode()).isEqualTo(2);
    CliRun both = CliRun.of("keys", "import", "--private-key-file", "a", "--keystore", "b");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
    CliRun noFile =
        CliRun.of("keys", "new", "--keys-dir", keys.toString(), "--password-file", "absent");
    assertThat(noFile.exitCode()).isEqualTo(1);
    assertThat(noFile.err()).contains("--password-file absent: no such file");
  }

  @Test
  void list_ofAnEmptyDirectory_saysHowToCreateAKey() {
    CliRun list = CliRun.of("keys", "list", "--keys-dir", keys.toString());
    assertThat(list.exitCode()).isZero();
    assertThat(list.out()).contains("no keystores in " + keys, "keys new");
  }
}
