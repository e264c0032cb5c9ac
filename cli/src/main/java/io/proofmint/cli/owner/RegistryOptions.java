package io.proofmint.cli.owner;

import io.proofmint.cli.ChainOptions;
import io.proofmint.cli.LoggingMixin;
import io.proofmint.cli.SignerOptions;
import io.proofmint.cli.Workspace;
import io.proofmint.cli.settlement.ManifestOption;
import io.proofmint.devnet.ExternalNode;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.suite.Suite;
import java.util.OptionalLong;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.tx.ReadonlyTransactionManager;
import picocli.CommandLine.Mixin;

/** The options every `model` and `task` command shares: -v, --rpc and --manifest. */
final class RegistryOptions {

  @Mixin LoggingMixin logging;
  @Mixin ChainOptions chainOptions;
  @Mixin ManifestOption manifestOption;

  /** An open connection and the suite through it; closing it closes the connection. */
  record Session(ChainConnection chain, Suite suite) implements AutoCloseable {
    @Override
    public void close() {
      chain.close();
    }
  }

  /** The suite as seen by the account {@code signer} resolves (the keystore is opened first). */
  Session signed(SignerOptions signer) throws Exception {
    Workspace workspace = Workspace.locate();
    ExternalNode node = chainOptions.connect(workspace);
    DeploymentManifest manifest = DeploymentManifest.read(manifestOption.resolve(workspace));
    Credentials account = signer.resolve(node);
    ChainConnection chain = ChainConnection.open(node.rpcUrl(), OptionalLong.of(node.chainId()));
    try {
      return new Session(chain, Suite.load(chain, manifest, account));
    } catch (RuntimeException e) {
      chain.close();
      throw e;
    }
  }

  /** The suite for reads only: a throwaway key and a read-only sender; nothing is ever signed. */
  Session readOnly() throws Exception {
    Workspace workspace = Workspace.locate();
    ExternalNode node = chainOptions.connect(workspace);
    DeploymentManifest manifest = DeploymentManifest.read(manifestOption.resolve(workspace));
    ChainConnection chain = ChainConnection.open(node.rpcUrl(), OptionalLong.of(node.chainId()));
    try {
      Credentials nobody = Credentials.create(Keys.createEcKeyPair());
      return new Session(
          chain,
          Suite.load(
              chain,
              manifest,
              nobody,
              new ReadonlyTransactionManager(chain.web3j(), nobody.getAddress())));
    } catch (Exception e) {
      chain.close();
      throw e;
    }
  }
}
