package io.proofmint.cli;

import io.proofmint.devnet.DevnetState;
import io.proofmint.devnet.ExternalNode;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Which chain a command talks to: --rpc, else the devnet `proofmint devnet up` started. */
public final class ChainOptions {

  @Option(
      names = "--rpc",
      paramLabel = "URL",
      defaultValue = "${env:PROOFMINT_RPC}",
      description =
          "JSON-RPC URL of the node to use (env PROOFMINT_RPC). Default: the devnet started by"
              + " `proofmint devnet up`.")
  URI rpc;

  public Optional<URI> explicitRpc() {
    return Optional.ofNullable(rpc);
  }

  /** The node to use, checked to answer; fails with what to do when there is none. */
  public ExternalNode connect(Workspace workspace) throws IOException {
    if (rpc != null) {
      return ExternalNode.connect(rpc);
    }
    Optional<DevnetState> running =
        DevnetState.read(workspace.devnetState()).filter(DevnetState::isRunning);
    if (running.isEmpty()) {
      throw new IOException(
          "no chain to use: pass --rpc URL, or start a devnet with `proofmint devnet up`");
    }
    return ExternalNode.connect(running.get().rpcUrl());
  }
}
