package io.proofmint.wrappers;

import java.util.List;
import java.util.stream.IntStream;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;

/**
 * The publicly known, pre-funded accounts of local development chains. They hold value only on
 * devnets; every use goes through {@link Signers#requireDevnet(long)}.
 */
public final class DevnetAccounts {

  /** anvil's default mnemonic (shared with hardhat); its accounts are public knowledge. */
  public static final String ANVIL_MNEMONIC =
      "test test test test test test test test test test test junk";

  /** Besu dev mode's genesis accounts (from Besu's published dev genesis); public knowledge. */
  private static final List<String> BESU_DEV_KEYS =
      List.of(
          "8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63",
          "c87509a1c067bbde78beb793e6fa76530b6382a4c0241e5e4a9ec0a0f44dc0d3",
          "ae6ae8e5ccbfb04590405997ee2d52d2b330726137b875053c36d94e974d162f");

  private static final int HARDENED = Bip32ECKeyPair.HARDENED_BIT;

  private DevnetAccounts() {}

  /** The first {@code count} accounts of {@code mnemonic} on path m/44'/60'/0'/0/i. */
  public static List<Credentials> fromMnemonic(String mnemonic, int count) {
    Bip32ECKeyPair master =
        Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(mnemonic, ""));
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                Credentials.create(
                    Bip32ECKeyPair.deriveKeyPair(
                        master, new int[] {44 | HARDENED, 60 | HARDENED, HARDENED, 0, i})))
        .toList();
  }

  /** anvil's first {@code count} accounts (it funds ten by default). */
  public static List<Credentials> anvil(int count) {
    return fromMnemonic(ANVIL_MNEMONIC, count);
  }

  /** Besu dev mode's three funded genesis accounts. */
  public static List<Credentials> besuDev() {
    return BESU_DEV_KEYS.stream().map(Credentials::create).toList();
  }
}
