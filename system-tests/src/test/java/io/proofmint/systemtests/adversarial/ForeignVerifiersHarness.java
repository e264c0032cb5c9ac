package io.proofmint.systemtests.adversarial;

import io.proofmint.cli.flow.VerifierCluster;
import io.proofmint.verifier.daemon.ServedModel;
import io.proofmint.verifier.daemon.VerifierNode;
import io.proofmint.worker.engine.PortableProfile;
import io.proofmint.worker.engine.RuntimeFacts;
import io.proofmint.wrappers.ChainConnection;
import io.proofmint.wrappers.DeploymentManifest;
import io.proofmint.wrappers.DevnetAccounts;
import io.proofmint.wrappers.suite.Suite;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.web3j.crypto.Credentials;

/**
 * The fixture's three honest verifier daemons in a JVM of their own, which the test starts with
 * another {@code OPENBLAS_CORETYPE} and another vector width than its own. Arguments: RPC URL,
 * deployment manifest, work directory. Prints {@code READY kernel=<kernel> core=<OpenBLAS core>}
 * once the nodes run, then serves until the process is destroyed.
 */
public final class ForeignVerifiersHarness {

  private ForeignVerifiersHarness() {}

  public static void main(String[] args) throws Exception {
    ChainConnection chain = ChainConnection.open(URI.create(args[0]), OptionalLong.of(31337));
    DeploymentManifest manifest = DeploymentManifest.read(Path.of(args[1]));
    List<Credentials> accounts = DevnetAccounts.anvil(12);
    Suite suite = Suite.load(chain, manifest, accounts.get(0));
    List<VerifierNode> nodes =
        VerifierCluster.start(
            suite,
            accounts.subList(3, 6), // AdversarialFixture.honestVerifiers()
            List.of(new ServedModel(AdversarialFixture.MODEL, AdversarialFixture.DATA)),
            Path.of(args[2]),
            VerifierCluster.devnetSettings(AdversarialFixture.UNAVAILABLE_GRACE));
    System.out.println(
        "READY kernel="
            + PortableProfile.kernelInUse()
            + " core="
            + RuntimeFacts.probe().blasCoreType()
            + " nodes="
            + nodes.size());
    System.out.flush();
    Thread.currentThread().join(); // until destroyed
  }
}
