package io.proofmint.devnet.adversarial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.artifacts.ArtifactFetcher;
import io.proofmint.protocol.artifacts.ArtifactLocator;
import io.proofmint.protocol.artifacts.BundleFetcher;
import io.proofmint.protocol.artifacts.FetchPolicy;
import io.proofmint.protocol.artifacts.LocalArtifactStore;
import io.proofmint.protocol.artifacts.Sleeper;
import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.bundle.BundleReader;
import io.proofmint.protocol.bundle.ProofBundle;
import io.proofmint.protocol.commit.SegmentLeaf;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.verifier.adversary.CommitmentCopier;
import io.proofmint.worker.role.TaskStatus;
import io.proofmint.worker.task.TrainingJob;
import io.proofmint.wrappers.generated.TrainingRegistry;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack (d): a worker copies another worker's published proof. Tasks A and B of the same model
 * start from the same head. An honest trainer trains A and publishes it. The copier claims B.
 *
 * <p>Copying A's root verbatim is refused by the registry ({@code RootAlreadyCommitted}); it could
 * not pass anyway: every leaf binds the trainer and the task, so under B's binding no leaf of A's
 * tree proves against A's root (checked here with the registry's own {@code segmentLeaf} and {@code
 * verifySegmentProof}).
 *
 * <p>Two ways on from there. The rebinding copier downloads A's bundle, rewrites it under its own
 * binding and commits that root: the bundle validates, but its batches were derived from A's seed,
 * so every segment fails replay with BATCH_MISMATCH and a FRAUD quorum slashes it. The withholding
 * copier commits an altered root and serves nothing: the verifiers cannot fetch its bundle, sign
 * UNAVAILABLE once their grace period is over, and the quorum slashes it just the same. Either way
 * A is finalized and paid, and the attesters are paid.
 */
class CopiedCommitmentIT {

  /** {@code RootAlreadyCommitted(bytes32,uint256)}. */
  private static final String ROOT_ALREADY_COMMITTED = "0x286f3a14";

  @TempDir Path dir;

  @Test
  void aVerbatimCopyIsRefused_andARebuiltCopyFailsReplay_whileTheOriginalIsPaid() throws Exception {
    try (AdversarialFixture f = AdversarialFixture.start("CopiedCommitmentIT", dir, 8)) {
      f.startVerifiers(f.honestVerifiers());
      BigInteger taskA = f.createTask(40);
      BigInteger taskB = f.createTask(40);
      AdversarialFixture.Committed original = f.train(f.victim(), taskA, null);
      f.flow.claim(f.cheater(), taskB);
      verbatimCopyIsRefused(f, original, taskB);

      // A verbatim copy of A's root could not be opened either: no leaf proves under B's binding.
      ProofBundle bundleA =
          new BundleReader(AdversarialFixture.HASHER)
              .validate(original.result().bundleDir())
              .validBundle()
              .orElseThrow();
      TrainingRegistry registry = f.suite.registry();
      for (int i = 0; i < bundleA.segments(); i++) {
        SegmentLeaf leaf = bundleA.leaf(i);
        var proof = bundleA.proof(i).stream().map(Hash32::bytes).toList();
        BigInteger index = BigInteger.valueOf(i);
        BigInteger segments = BigInteger.valueOf(bundleA.segments());
        byte[] leafUnderA = leafOf(registry, taskA, leaf);
        byte[] leafUnderB = leafOf(registry, taskB, leaf);
        assertThat(
                registry
                    .verifySegmentProof(bundleA.root().bytes(), segments, index, leafUnderA, proof)
                    .send())
            .isTrue();
        assertThat(
                registry
                    .verifySegmentProof(bundleA.root().bytes(), segments, index, leafUnderB, proof)
                    .send())
            .as("segment %d of the copied root under the copier's binding", i)
            .isFalse();
      }

      // The rebinding copier: fetch A's published bundle, rewrite it for B, commit.
      Path fetched = dir.resolve("copier-fetched");
      Set<Integer> all = new HashSet<>();
      IntStream.range(0, bundleA.segments()).forEach(all::add);
      FetchPolicy policy = FetchPolicy.defaults();
      new BundleFetcher(
              new ArtifactFetcher(
                  URI.create("http://127.0.0.1"),
                  new LocalArtifactStore(dir.resolve("copier-cache")),
                  ArtifactFetcher.newHttpClient(policy),
                  policy,
                  Sleeper.system()))
          .fetch(ArtifactLocator.parse(original.locator()), all, fetched);
      ProofBundle copied =
          new BundleReader(AdversarialFixture.HASHER).validate(fetched).validBundle().orElseThrow();
      TrainingJob.Result rebound =
          new CommitmentCopier(AdversarialFixture.HASHER)
              .rebind(copied, f.binding(taskB, f.cheater()), dir.resolve("copier-bundle"));
      f.publishAndCommit(f.cheater(), taskB, rebound);

      TrainingRegistry.TaskView a = f.awaitStatus(taskA, TaskStatus.ATTESTED);
      TrainingRegistry.TaskView b = f.awaitStatus(taskB, TaskStatus.ATTESTED);
      assertThat(a.verdict.intValueExact()).isEqualTo(Verdict.VALID.code());
      assertThat(b.verdict.intValueExact()).isEqualTo(Verdict.FRAUD.code());

      BigInteger copierStake = f.staked(f.cheater());
      f.settle(taskA, TaskStatus.FINALIZED);
      f.settle(taskB, TaskStatus.REJECTED);

      assertThat(f.head()).isEqualTo(original.result().manifest().finalCheckpoint());
      var token = f.suite.modelToken(registry.getModel(f.modelId).send().token);
      assertThat(token.balanceOf(f.victim().getAddress()).send())
          .isEqualTo(AdversarialFixture.REWARD);
      assertThat(f.staked(f.cheater()))
          .isEqualTo(copierStake.subtract(AdversarialFixture.TRAINER_BOND));
      assertThat(f.jailed(f.cheater())).isTrue();
      assertThat(f.jailed(f.victim())).isFalse();
    }
  }

  @Test
  void aWithheldAlteredCopy_endsInAnUnavailableQuorum_theCopierSlashedAndHonestPartiesPaid()
      throws Exception {
    try (AdversarialFixture f = AdversarialFixture.start("CopiedCommitmentWithheldIT", dir, 8)) {
      f.startVerifiers(f.honestVerifiers());
      BigInteger taskA = f.createTask(40);
      BigInteger taskB = f.createTask(40);
      AdversarialFixture.Committed original = f.train(f.victim(), taskA, null);
      f.flow.claim(f.cheater(), taskB);
      verbatimCopyIsRefused(f, original, taskB);

      // One byte of A's root changed, and a locator whose manifest nobody serves.
      byte[] altered = original.result().manifest().root().bytes().clone();
      altered[31] ^= 1;
      String locator = original.locator();
      String withheld =
          locator.substring(0, locator.indexOf('#') + 1)
              + Keccak.hashUtf8("a manifest never published").toHex().substring(2);
      f.flow.commit(
          f.cheater(),
          taskB,
          Hash32.of(altered),
          original.result().manifest().finalCheckpoint(),
          withheld);

      TrainingRegistry.TaskView a = f.awaitStatus(taskA, TaskStatus.ATTESTED);
      TrainingRegistry.TaskView b = f.awaitStatus(taskB, TaskStatus.ATTESTED);
      assertThat(a.verdict.intValueExact()).isEqualTo(Verdict.VALID.code());
      assertThat(b.verdict.intValueExact()).isEqualTo(Verdict.UNAVAILABLE.code());

      BigInteger copierStake = f.staked(f.cheater());
      BigInteger verifiersBefore = stakeTokensOf(f);
      f.settle(taskA, TaskStatus.FINALIZED);
      TrainingRegistry.TaskView rejected = f.settle(taskB, TaskStatus.REJECTED);

      assertThat(rejected.verdict.intValueExact()).isEqualTo(Verdict.UNAVAILABLE.code());
      assertThat(f.staked(f.cheater()))
          .isEqualTo(copierStake.subtract(AdversarialFixture.TRAINER_BOND));
      assertThat(f.jailed(f.cheater())).isTrue();
      // The attesters of B shared its prover share (QUORUM divides it: no dust).
      assertThat(rejected.proverShare.signum()).isPositive();
      assertThat(stakeTokensOf(f).subtract(verifiersBefore)).isEqualTo(rejected.proverShare);
      // A: the head moved, the trainer got its reward, A's attesters their fee.
      assertThat(f.head()).isEqualTo(original.result().manifest().finalCheckpoint());
      var token = f.suite.modelToken(f.suite.registry().getModel(f.modelId).send().token);
      assertThat(token.balanceOf(f.victim().getAddress()).send())
          .isEqualTo(AdversarialFixture.REWARD);
      BigInteger fees = BigInteger.ZERO;
      for (var v : f.honestVerifiers()) {
        fees = fees.add(token.balanceOf(v.getAddress()).send());
      }
      assertThat(fees)
          .isEqualTo(
              AdversarialFixture.VERIFIER_FEE
                  .divide(BigInteger.valueOf(AdversarialFixture.QUORUM))
                  .multiply(BigInteger.valueOf(AdversarialFixture.QUORUM)));
      assertThat(f.jailed(f.victim())).isFalse();
      for (var v : f.honestVerifiers()) {
        assertThat(f.jailed(v)).isFalse();
      }
    }
  }

  /** The copier commits A's root for B verbatim: the registry refuses it; B stays claimed. */
  private static void verbatimCopyIsRefused(
      AdversarialFixture f, AdversarialFixture.Committed original, BigInteger taskB)
      throws Exception {
    Hash32 rootA = original.result().manifest().root();
    assertThatThrownBy(
            () ->
                f.flow.commit(
                    f.cheater(),
                    taskB,
                    rootA,
                    original.result().manifest().finalCheckpoint(),
                    original.locator()))
        .hasMessageContaining(ROOT_ALREADY_COMMITTED);
    assertThat(f.suite.registry().rootTask(rootA.bytes()).send()).isEqualTo(original.taskId());
    assertThat(f.status(taskB)).isEqualTo(TaskStatus.CLAIMED);
  }

  private static BigInteger stakeTokensOf(AdversarialFixture f) throws Exception {
    BigInteger sum = BigInteger.ZERO;
    for (var v : f.honestVerifiers()) {
      sum = sum.add(f.stakeTokens(v));
    }
    return sum;
  }

  private static byte[] leafOf(TrainingRegistry registry, BigInteger taskId, SegmentLeaf leaf)
      throws Exception {
    return registry
        .segmentLeaf(
            taskId,
            BigInteger.valueOf(leaf.index()),
            leaf.ckptStart().bytes(),
            leaf.ckptEnd().bytes(),
            leaf.batchesHash().bytes(),
            leaf.lossesHash().bytes())
        .send();
  }
}
