package io.proofmint.wrappers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.WalletUtils;

class SignersTest {

  private static final String ANVIL_KEY_0 =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  @TempDir Path dir;

  @Test
  void devnetKey_acceptedOnDevnetChainIds() {
    Credentials credentials = Signers.devnetKey(ANVIL_KEY_0, 31337);
    assertThat(credentials.getAddress()).isEqualTo("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");
  }

  @Test
  void devnetKey_refusedOnOtherChainsWithoutEchoingTheKey() {
    assertThatThrownBy(() -> Signers.devnetKey(ANVIL_KEY_0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("chain id 1 is not a devnet")
        .hasMessageContaining("--keystore")
        .message()
        .doesNotContain(ANVIL_KEY_0.substring(2));
  }

  @Test
  void devnetKey_malformedHexSaysWhatIsExpectedWithoutEchoingInput() {
    assertThatThrownBy(() -> Signers.devnetKey("0x1234secret", 31337))
        .hasMessageContaining("64 hex digits")
        .message()
        .doesNotContain("secret");
  }

  @Test
  void fromKeystore_decryptsWithRightPasswordAndExplainsWrongOne() throws Exception {
    ECKeyPair pair = Keys.createEcKeyPair();
    String name = WalletUtils.generateWalletFile("correct horse", pair, dir.toFile(), false);
    Path keystore = dir.resolve(name);

    Credentials loaded = Signers.fromKeystore(keystore, "correct horse".toCharArray());
    assertThat(loaded.getEcKeyPair()).isEqualTo(pair);

    assertThatThrownBy(() -> Signers.fromKeystore(keystore, "battery staple".toCharArray()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot decrypt")
        .message()
        .doesNotContain("battery staple");
  }

  @Test
  void fromKeystore_notAKeystoreNamesTheFile() throws Exception {
    Path notKeystore = Files.writeString(dir.resolve("notes.txt"), "hello");
    assertThatThrownBy(() -> Signers.fromKeystore(notKeystore, "x".toCharArray()))
        .hasMessageContaining(notKeystore.toString())
        .hasMessageContaining("V3 keystore");
  }
}
