package io.proofmint.systemtests.adversarial;

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
import io.proofmint.worker.task.TrainingJob;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.generated.TrainingRegistryLens;
import io.proofmint.wrappers.registry.TaskStatus;
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
 * <p>Copying A's root verbatim lands on-chain (the registry does not keep roots unique), but it
 * proves nothing: every leaf binds the trainer and the task, so under B's binding no leaf of A's
 * tree proves against A's root (checked here with the registry's own {@code segmentLeaf} and the
 * {@code verifySegmentProof} of {@code TrainingRegistryLens}), and no FRAUD batch can be proven
 * against it either. Whether the copy points the verifiers at A's bundle (its manifest carries A's
 * binding) or at nothing, they find no bundle that matches B's commitment, sign UNAVAILABLE once
 * their grace period is over, and that quorum slashes the copier's whole bond and jails it.
 *
 * <p>The rebinding copier downloads A's bundle, rewrites it under its own binding and commits that
 * root: the bundle validates, but its batches were derived from A's seed, so every segment fails
 * replay with BATCH_MISMATCH and a FRAUD quorum slashes it. Every way, A is finalized and paid, and
 * the attesters are paid.
 */
class CopiedCommitmentIT {

  /** {@code NotActiveTrainer(address)}. */
  private static final String NOT_ACTIVE_TRAINER = "0xd4e33bf4";

  @TempDir Path dir;

  @Test
  void
      aVerbatimCopyPointedAtTheOriginalBundle_lands_endsUnavailable_theCopierSlashedAndTheOriginalPaid()
          throws Exception {
    try (AdversarialFixture f = AdversarialFixture.start("CopiedCommitmentIT", dir, 8)) {
      f.startVerifiers(f.honestVerifiers());
      BigInteger taskA = f.createTask(40);
      BigInteger taskB = f.createTask(40);
      AdversarialFixture.Committed original = f.train(f.victim(), taskA, null);
      f.flow.claim(f.cheater(), taskB);

      // A's root, final checkpoint and locator, verbatim: the verifiers fetch A's bundle.
      verbatimCopyLands(f, original, taskB, original.locator());
      noLeafOfTheOriginalOpensTheCopy(f, original, taskB);

      copyEndsUnavailable_theCopierSlashedAndHonestPartiesPaid(f, original, taskB);
    }
  }

  @Test
  void aVerbatimCopyPointedAtNothing_lands_endsUnavailable_theCopierSlashedAndHonestPartiesPaid()
      throws Exception {
    try (AdversarialFixture f = AdversarialFixture.start("CopiedCommitmentWithheldIT", dir, 8)) {
      f.startVerifiers(f.honestVerifiers());
      BigInteger taskA = f.createTask(40);
      BigInteger taskB = f.createTask(40);
      AdversarialFixture.Committed original = f.train(f.victim(), taskA, null);
      f.flow.claim(f.cheater(), taskB);

      // A's root verbatim, and a locator whose manifest nobody serves.
      String locator = original.locator();
      String withheld =
          locator.substring(0, locator.indexOf('#') + 1)
              + Keccak.hashUtf8("a manifest never published").toHex().substring(2);
      verbatimCopyLands(f, original, taskB, withheld);

      copyEndsUnavailable_theCopierSlashedAndHonestPartiesPaid(f, original, taskB);
    }
  }

  /**
   * The honest verifiers find no bundle matching B's commitment and sign UNAVAILABLE after their
   * grace; A is attested VALID. Settled: the copier lost its bond and is jailed (it can claim no
   * task), B's attesters shared the prover share, A's trainer got its reward and A's attesters
   * their fee.
   */
  private static void copyEndsUnavailable_theCopierSlashedAndHonestPartiesPaid(
      AdversarialFixture f, AdversarialFixture.Committed original, BigInteger taskB)
      throws Exception {
    BigInteger taskA = original.taskId();
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
    BigInteger next = f.createTask(40);
    assertThatThrownBy(() -> f.flow.claim(f.cheater(), next))
        .as("the jailed copier claims nothing more")
        .hasMessageContaining(NOT_ACTIVE_TRAINER);
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

  /** The copier commits A's root and final checkpoint for B verbatim: it lands, B is committed. */
  private static void verbatimCopyLands(
      AdversarialFixture f, AdversarialFixture.Committed original, BigInteger taskB, String locator)
      throws Exception {
    Hash32 rootA = original.result().manifest().root();
    f.flow.commit(
        f.cheater(), taskB, rootA, original.result().manifest().finalCheckpoint(), locator);
    TrainingRegistry.TaskView b = f.task(taskB);
    assertThat(TaskStatus.fromChain(b.status)).isEqualTo(TaskStatus.COMMITTED);
    assertThat(Hash32.of(b.root)).isEqualTo(rootA);
    assertThat(b.trainer).isEqualToIgnoringCase(f.cheater().getAddress());
  }

  /** No leaf of A's tree proves against A's root under B's binding; under A's, every one does. */
  private static void noLeafOfTheOriginalOpensTheCopy(
      AdversarialFixture f, AdversarialFixture.Committed original, BigInteger taskB)
      throws Exception {
    ProofBundle bundleA =
        new BundleReader(AdversarialFixture.HASHER)
            .validate(original.result().bundleDir())
            .validBundle()
            .orElseThrow();
    TrainingRegistry registry = f.suite.registry();
    TrainingRegistryLens lens =
        TrainingRegistryLens.deploy(f.suite.chain().web3j(), f.suite.sender(), f.suite.gas())
            .send();
    BigInteger segments = BigInteger.valueOf(bundleA.segments());
    for (int i = 0; i < bundleA.segments(); i++) {
      SegmentLeaf leaf = bundleA.leaf(i);
      var proof = bundleA.proof(i).stream().map(Hash32::bytes).toList();
      BigInteger index = BigInteger.valueOf(i);
      byte[] leafUnderA = leafOf(registry, original.taskId(), leaf);
      byte[] leafUnderB = leafOf(registry, taskB, leaf);
      assertThat(
              lens.verifySegmentProof(bundleA.root().bytes(), segments, index, leafUnderA, proof)
                  .send())
          .isTrue();
      assertThat(
              lens.verifySegmentProof(bundleA.root().bytes(), segments, index, leafUnderB, proof)
                  .send())
          .as("segment %d of the copied root under the copier's binding", i)
          .isFalse();
    }
  }

  @Test
  void aRebuiltCopyFailsReplay_andIsSlashedOnFraud_whileTheOriginalIsPaid() throws Exception {
    try (AdversarialFixture f = AdversarialFixture.start("CopiedCommitmentRebuiltIT", dir, 8)) {
      f.startVerifiers(f.honestVerifiers());
      BigInteger taskA = f.createTask(40);
      BigInteger taskB = f.createTask(40);
      AdversarialFixture.Committed original = f.train(f.victim(), taskA, null);
      f.flow.claim(f.cheater(), taskB);

      ProofBundle bundleA =
          new BundleReader(AdversarialFixture.HASHER)
              .validate(original.result().bundleDir())
              .validBundle()
              .orElseThrow();
      TrainingRegistry registry = f.suite.registry();

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
