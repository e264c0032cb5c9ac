package io.proofmint.cli;

import io.proofmint.cli.settlement.ManifestOption;
import io.proofmint.devnet.ExternalNode;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.suite.Suite;
import java.io.IOException;
import java.util.OptionalLong;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.tx.ReadonlyTransactionManager;
import picocli.CommandLine.Mixin;

/**
 * The options every command that reads or sends through the deployed suite shares (`stake`,
 * `usage`): -v, which node (--rpc), who signs (--keystore, --password-file, --devnet-account) and
 * which deployment (--manifest).
 */
public final class SuiteOptions {

  @Mixin LoggingMixin logging;
  @Mixin ChainOptions chainOptions;
  @Mixin SignerOptions signerOptions;
  @Mixin ManifestOption manifestOption;

  /** An open connection and the suite as one account sees it. */
  public record Session(ChainConnection chain, Suite suite, String account)
      implements AutoCloseable {
    @Override
    public void close() {
      chain.close();
    }
  }

  /** The suite as the signer, who sends transactions (a keystore is decrypted here). */
  public Session signing() throws IOException {
    Workspace workspace = Workspace.locate();
    ExternalNode node = chainOptions.connect(workspace);
    DeploymentManifest manifest = DeploymentManifest.read(manifestOption.resolve(workspace));
    Credentials signer = signerOptions.resolve(node);
    ChainConnection chain = ChainConnection.open(node.rpcUrl(), OptionalLong.of(node.chainId()));
    try {
      return new Session(
          chain,
          Suite.load(chain, manifest, signer),
          Address.fromHex(signer.getAddress()).toChecksumHex());
    } catch (RuntimeException e) {
      chain.close();
      throw e;
    }
  }

  /**
   * The suite for reading {@code account} (else the signer's address, read from a keystore without
   * its password where the keystore records it); nothing can be signed through it.
   */
  public Session reading(String account) throws IOException {
    Workspace workspace = Workspace.locate();
    ExternalNode node = chainOptions.connect(workspace);
    DeploymentManifest manifest = DeploymentManifest.read(manifestOption.resolve(workspace));
    String who =
        Address.fromHex(account != null ? account : signerOptions.address(node)).toChecksumHex();
    ChainConnection chain = ChainConnection.open(node.rpcUrl(), OptionalLong.of(node.chainId()));
    try {
      // A throwaway key and a read-only sender: nothing is ever signed.
      Suite suite =
          Suite.load(
              chain,
              manifest,
              Credentials.create(Keys.createEcKeyPair()),
              new ReadonlyTransactionManager(chain.web3j(), who));
      return new Session(chain, suite, who);
    } catch (RuntimeException e) {
      chain.close();
      throw e;
    } catch (Exception e) {
      chain.close();
      throw new IOException("cannot create a read-only view: " + e.getMessage(), e);
    }
  }
}
