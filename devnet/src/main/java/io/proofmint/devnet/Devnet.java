package io.proofmint.devnet;

import java.net.URI;
import java.util.List;
import org.web3j.crypto.Credentials;

/** A chain to run Proofmint against: one we started (and stop on close), or one we only use. */
public interface Devnet extends AutoCloseable {

  /** What kind of chain this is, for people: "anvil", "besu", "external". */
  String kind();

  URI rpcUrl();

  long chainId();

  /** Pre-funded accounts that may sign on this chain; empty for a node we do not control. */
  List<Credentials> fundedAccounts();

  /** Stops the chain if this process started it; a no-op for an external node. */
  @Override
  void close();
}
