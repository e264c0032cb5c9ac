package io.proofmint.cli.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proofmint.wrappers.Signers;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;

class KeystoreDirectoryTest {

  /** anvil's first funded key: public knowledge, so fine in a test. */
  static final String ANVIL_KEY =
      "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  static final String ANVIL_ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

  private static final char[] PASSWORD = "correct horse".toCharArray();

  @TempDir Path tmp;

  private KeystoreDirectory dir() {
    return new KeystoreDirectory(
        tmp.resolve("keys"), Clock.fixed(Instant.parse("2026-12-08T00:00:00Z"), ZoneOffset.UTC));
  }

  private static ECKeyPair anvilKey() {
    return ECKeyPair.create(new BigInteger(ANVIL_KEY, 16));
  }

  @Test
  void create_writesAStandardScryptKeystore_mode0600_inADirectoryOfMode0700() throws Exception {
    KeystoreDirectory.Entry entry =
        dir().create(anvilKey(), PASSWORD, KeystoreDirectory.Scrypt.STANDARD);

    assertThat(entry.address()).isEqualTo(ANVIL_ADDRESS);
    assertThat(entry.file().getFileName().toString())
        .isEqualTo("UTC--2026-12-08T00-00-00.000Z--f39fd6e51aad88f6f4ce6ab8827279cfffb92266.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(entry.file())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("keys"))))
        .isEqualTo("rwx------");
    JsonNode json = new ObjectMapper().readTree(entry.file().toFile());
    assertThat(json.get("version").asInt()).isEqualTo(3);
    JsonNode crypto = json.get("crypto");
    assertThat(crypto.get("kdf").asText()).isEqualTo("scrypt");
    assertThat(crypto.get("kdfparams").get("n").asInt()).isEqualTo(262_144);
    assertThat(crypto.get("kdfparams").get("r").asInt()).isEqualTo(8);
    assertThat(crypto.get("kdfparams").get("p").asInt()).isEqualTo(1);
    assertThat(crypto.get("kdfparams").get("dklen").asInt()).isEqualTo(32);
    assertThat(crypto.get("cipher").asText()).isEqualTo("aes-128-ctr");
    assertThat(Files.readString(entry.file())).doesNotContainIgnoringCase(ANVIL_KEY);
    assertThat(Signers.fromKeystore(entry.file(), PASSWORD).getAddress())
        .isEqualToIgnoringCase(ANVIL_ADDRESS);
    try (var files = Files.list(tmp.resolve("keys"))) {
      assertThat(files).containsExactly(entry.file()); // no temporary file left behind
    }
  }

  @Test
  void light_usesWeb3jsLightScryptParameters() throws Exception {
    KeystoreDirectory.Entry entry =
        dir().create(anvilKey(), PASSWORD, KeystoreDirectory.Scrypt.LIGHT);
    JsonNode params =
        new ObjectMapper().readTree(entry.file().toFile()).get("crypto").get("kdfparams");
    assertThat(params.get("n").asInt()).isEqualTo(4096);
    assertThat(params.get("p").asInt()).isEqualTo(6);
  }

  @Test
  void create_refusesToOverwriteTheKeystoreOfAnAddressAlreadyThere() throws Exception {
    KeystoreDirectory dir = dir();
    KeystoreDirectory.Entry first =
        dir.create(anvilKey(), PASSWORD, KeystoreDirectory.Scrypt.LIGHT);
    byte[] before = Files.readAllBytes(first.file());

    assertThatThrownBy(
            () -> dir.create(anvilKey(), "other".toCharArray(), KeystoreDirectory.Scrypt.LIGHT))
        .hasMessageContaining("already holds the keystore of " + ANVIL_ADDRESS)
        .hasMessageContaining("not overwritten");
    assertThat(Files.readAllBytes(first.file())).isEqualTo(before);
    assertThat(dir.list().keystores()).hasSize(1);
  }

  @Test
  void importKeystore_checksThePassword_andSaysWhenItIsWrong() throws Exception {
    Path elsewhere = tmp.resolve("elsewhere");
    KeystoreDirectory.Entry original =
        new KeystoreDirectory(elsewhere, Clock.systemUTC())
            .create(anvilKey(), PASSWORD, KeystoreDirectory.Scrypt.LIGHT);
    KeystoreDirectory dir = dir();

    assertThatThrownBy(() -> dir.importKeystore(original.file(), "wrong".toCharArray()))
        .hasMessageContaining("keystore " + original.file() + ": wrong password");
    assertThat(dir.list().keystores()).isEmpty();

    KeystoreDirectory.Entry imported = dir.importKeystore(original.file(), PASSWORD);
    assertThat(imported.address()).isEqualTo(ANVIL_ADDRESS);
    assertThat(imported.file().getParent()).isEqualTo(tmp.resolve("keys"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(imported.file())))
        .isEqualTo("rw-------");
    assertThat(Signers.fromKeystore(imported.file(), PASSWORD).getAddress())
        .isEqualToIgnoringCase(ANVIL_ADDRESS);
    assertThatThrownBy(() -> dir.importKeystore(original.file(), PASSWORD))
        .hasMessageContaining("already holds");
  }

  @Test
  void importKeystore_refusesAFileWhoseRecordedAddressIsNotItsKeys() throws Exception {
    KeystoreDirectory.Entry original =
        new KeystoreDirectory(tmp.resolve("a"), Clock.systemUTC())
            .create(anvilKey(), PASSWORD, KeystoreDirectory.Scrypt.LIGHT);
    Path forged = tmp.resolve("forged.json");
    Files.writeString(
        forged,
        Files.readString(original.file())
            .replace(
                "f39fd6e51aad88f6f4ce6ab8827279cfffb92266",
                "70997970c51812dc3a010c7d01b50e0d17dc79c8"));

    assertThatThrownBy(() -> dir().importKeystore(forged, PASSWORD))
        .hasMessageContaining("records address 0x70997970C51812dc3A010C7d01b50e0d17dc79C8")
        .hasMessageContaining("its key is the key of " + ANVIL_ADDRESS);
  }

  @Test
  void privateKeyFromAFile_isImportedAsItsAddress() throws Exception {
    Path keyFile = tmp.resolve("key.hex");
    Files.writeString(keyFile, "0x" + ANVIL_KEY + "\n");

    ECKeyPair key = PrivateKeyInput.read(keyFile.toString(), new ByteArrayInputStream(new byte[0]));
    KeystoreDirectory.Entry entry = dir().create(key, PASSWORD, KeystoreDirectory.Scrypt.LIGHT);

    assertThat(entry.address()).isEqualTo(ANVIL_ADDRESS);
  }

  @Test
  void privateKeyInput_refusesWhatIsNotAKey_withoutQuotingIt() {
    String secretish = "ab".repeat(31); // 62 digits: one byte short
    assertThatThrownBy(
            () ->
                PrivateKeyInput.parse(
                    secretish.getBytes(StandardCharsets.US_ASCII), "standard input"))
        .hasMessageContaining("standard input: expected a private key of 64 hex digits")
        .message()
        .doesNotContain(secretish);
    assertThatThrownBy(
            () -> PrivateKeyInput.parse("0".repeat(64).getBytes(StandardCharsets.US_ASCII), "f"))
        .hasMessageContaining("between 1 and the secp256k1 group order");
  }

  @Test
  void list_namesEachKeystore_andSkipsOtherFiles() throws Exception {
    KeystoreDirectory dir = dir();
    KeystoreDirectory.Entry entry =
        dir.create(anvilKey(), PASSWORD, KeystoreDirectory.Scrypt.LIGHT);
    Files.writeString(tmp.resolve("keys/notes.txt"), "not json");

    KeystoreDirectory.Listing listing = dir.list();

    assertThat(listing.keystores()).containsExactly(entry);
    assertThat(listing.skipped()).singleElement().asString().contains("notes.txt");
    assertThat(dir.find(ANVIL_ADDRESS.toLowerCase())).contains(entry);
    assertThat(KeystoreDirectory.recordedAddress(entry.file())).contains(ANVIL_ADDRESS);
  }
}
