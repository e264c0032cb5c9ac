package io.proofmint.devnet;

import io.proofmint.wrappers.DevnetAccounts;
import io.proofmint.wrappers.Signers;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.web3j.crypto.Credentials;

/** A node someone else runs, reached at a JSON-RPC URL; closing it leaves it running. */
public final class ExternalNode implements Devnet {

  private final URI rpcUrl;
  private final long chainId;

  private ExternalNode(URI rpcUrl, long chainId) {
    this.rpcUrl = rpcUrl;
    this.chainId = chainId;
  }

  /** Asks the node for its chain id; fails with the URL in the message if it does not answer. */
  public static ExternalNode connect(URI rpcUrl) throws IOException {
    Long chainId = JsonRpcProbe.chainId(rpcUrl);
    if (chainId == null) {
      throw new IOException("no JSON-RPC node answered eth_chainId at " + rpcUrl);
    }
    return new ExternalNode(rpcUrl, chainId);
  }

  @Override
  public String kind() {
    return "external";
  }

  @Override
  public URI rpcUrl() {
    return rpcUrl;
  }

  @Override
  public long chainId() {
    return chainId;
  }

  /**
   * On a devnet chain id the well-known devnet accounts are offered (anvil's mnemonic for 31337,
   * Besu dev mode's genesis keys for 2018); on any other chain, none.
   */
  @Override
  public List<Credentials> fundedAccounts() {
    if (!Signers.DEVNET_CHAIN_IDS.contains(chainId)) {
      return List.of();
    }
    return chainId == BesuDevnet.CHAIN_ID ? DevnetAccounts.besuDev() : DevnetAccounts.anvil(10);
  }

  @Override
  public void close() {}
}
