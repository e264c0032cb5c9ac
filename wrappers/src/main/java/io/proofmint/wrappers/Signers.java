package io.proofmint.wrappers;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;
import org.web3j.utils.Numeric;

/**
 * Where signing keys come from: an encrypted V3 keystore (any chain), or an explicit key that is
 * accepted only on a devnet chain id. Messages never contain a key or a password.
 */
public final class Signers {

  /**
   * Chain ids of local development chains: anvil / hardhat (31337), geth/ganache dev (1337), Besu
   * dev mode (2018).
   */
  public static final Set<Long> DEVNET_CHAIN_IDS = Set.of(31337L, 1337L, 2018L);

  private Signers() {}

  /** Decrypts a V3 keystore file. */
  public static Credentials fromKeystore(Path keystore, char[] password) throws IOException {
    if (!Files.isRegularFile(keystore)) {
      throw new IOException("keystore " + keystore + ": no such file");
    }
    try {
      return WalletUtils.loadCredentials(new String(password), keystore.toFile());
    } catch (CipherException e) {
      throw new IOException(
          "keystore " + keystore + ": cannot decrypt (wrong password or damaged file)", e);
    } catch (RuntimeException | IOException e) {
      throw new IOException(
          "keystore " + keystore + ": expected an Ethereum V3 keystore JSON file (" + e + ")", e);
    }
  }

  /**
   * A raw hex private key, refused unless {@code chainId} is a devnet: raw keys belong in encrypted
   * keystores everywhere else.
   */
  public static Credentials devnetKey(String hexPrivateKey, long chainId) {
    requireDevnet(chainId);
    String hex = Numeric.cleanHexPrefix(hexPrivateKey.strip());
    if (!hex.matches("[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(
          "devnet key: expected 32 bytes as 64 hex digits (optionally 0x-prefixed)");
    }
    BigInteger key = new BigInteger(hex, 16);
    return Credentials.create(ECKeyPair.create(key));
  }

  public static void requireDevnet(long chainId) {
    if (!DEVNET_CHAIN_IDS.contains(chainId)) {
      throw new IllegalArgumentException(
          "chain id "
              + chainId
              + " is not a devnet (expected one of "
              + DEVNET_CHAIN_IDS
              + "): use an encrypted keystore (--keystore) for real networks");
    }
  }
}
