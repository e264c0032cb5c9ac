package io.proofmint.devnet.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

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
 * <p>Copying A's root verbatim cannot pass: every leaf binds the trainer and the task, so under B's
 * binding no leaf of A's tree proves against A's root (checked here with the registry's own {@code
 * segmentLeaf} and {@code verifySegmentProof}), and the bundle does not match B's commitment. So
 * the copier does the best it can: it downloads A's bundle, rewrites it under its own binding and
 * commits that root. The bundle validates, but its batches were derived from A's seed: every
 * segment fails replay with BATCH_MISMATCH. A is finalized and paid; the copier is slashed.
 */
class CopiedCommitmentIT {

  @TempDir Path dir;

  @Test
  void aCopiedProof_failsForTheCopier_whileTheOriginalIsPaid() throws Exception {
    try (AdversarialFixture f = AdversarialFixture.start("CopiedCommitmentIT", dir, 8)) {
      f.startVerifiers(f.honestVerifiers());
      BigInteger taskA = f.createTask(40);
      BigInteger taskB = f.createTask(40);
      AdversarialFixture.Committed original = f.train(f.victim(), taskA, null);
      f.flow.claim(f.cheater(), taskB);

      // A verbatim copy of A's root: no leaf proves under B's binding.
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
