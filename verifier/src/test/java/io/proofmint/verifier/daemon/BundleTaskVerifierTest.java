package io.proofmint.verifier.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.protocol.artifacts.ArtifactFetcher;
import io.proofmint.protocol.artifacts.ArtifactKind;
import io.proofmint.protocol.artifacts.ArtifactServer;
import io.proofmint.protocol.artifacts.ArtifactServerConfig;
import io.proofmint.protocol.artifacts.BundlePublisher;
import io.proofmint.protocol.artifacts.FetchPolicy;
import io.proofmint.protocol.artifacts.LocalArtifactStore;
import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.sampling.SegmentSampler;
import io.proofmint.verifier.TinyTask;
import io.proofmint.verifier.adversary.Cheat;
import io.proofmint.worker.engine.WorkerPool;
import io.proofmint.worker.task.TrainingJob;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTaskVerifierTest {

  private static final ModelRules RULES =
      new ModelRules(TinyTask.K, 6, 2, 3, 0, 0, 3600, 3600, BigInteger.TEN, BigInteger.valueOf(5));
  private static final Hash32 SEED = Keccak.hashUtf8("seed");

  @TempDir Path dir;

  private WorkerPool workers;
  private LocalArtifactStore store;
  private ArtifactServer server;
  private BundleTaskVerifier verifier;

  @BeforeEach
  void start() throws Exception {
    workers = WorkerPool.create(2);
    store = new LocalArtifactStore(dir.resolve("store"));
    server = ArtifactServer.start(store, ArtifactServerConfig.loopback());
    FetchPolicy policy = FetchPolicy.defaults().withMaxAttempts(1);
    verifier =
        new BundleTaskVerifier(
            Map.of(TinyTask.EXACT.specHash(), new ServedModel(TinyTask.EXACT, TinyTask.DATA)),
            new ArtifactFetcher(
                URI.create("http://127.0.0.1"),
                new LocalArtifactStore(dir.resolve("cache")),
                ArtifactFetcher.newHttpClient(policy.withRequestTimeout(Duration.ofSeconds(5))),
                policy,
                d -> {}),
            dir.resolve("work"),
            TinyTask.HASHER,
            workers,
            new VerifierMetrics(new PrometheusRegistry()),
            TinyTask.BINDING.chainId(),
            TinyTask.BINDING.registry());
  }

  @AfterEach
  void stop() {
    verifier.close();
    server.close();
    workers.close();
  }

  private TrackedTask published(TrainingJob.Result result, Address trainer) throws Exception {
    String locator =
        new BundlePublisher(server.baseUri(), TinyTask.HASHER)
            .publish(result.bundleDir(), store)
            .toString();
    return new TrackedTask(
        TinyTask.BINDING.taskId(),
        BigInteger.ONE,
        trainer,
        result.manifest().root(),
        result.manifest().finalCheckpoint(),
        result.manifest().header().segments(),
        10,
        locator,
        SEED,
        null,
        null,
        false,
        null);
  }

  private static List<Long> sample(TrackedTask task) {
    return Arrays.stream(SegmentSampler.sample(SEED, task.root(), task.segments(), RULES.samples()))
        .boxed()
        .toList();
  }

  private Verification verify(TrackedTask task, Hash32 parent) {
    return verifier.verify(TinyTask.EXACT.specHash(), task, parent, RULES, sample(task));
  }

  @Test
  void anHonestPublishedBundle_isValid() throws Exception {
    TrainingJob.Result r =
        TinyTask.honest(TinyTask.EXACT, workers, TinyTask.BINDING, 80, dir.resolve("b"));
    TrackedTask task = published(r, TinyTask.BINDING.trainer());
    Verification v = verify(task, r.manifest().parentCheckpoint());
    assertThat(v.outcome()).as(v.detail()).isEqualTo(Verification.Outcome.VERDICT);
    assertThat(v.verdict()).isEqualTo(Verdict.VALID);
    // Exactly C_i and C_{i+1} of the sampled segments were fetched, nothing else.
    Set<Hash32> needed = new java.util.HashSet<>();
    for (long s : sample(task)) {
      needed.add(r.manifest().checkpoints().get((int) s));
      needed.add(r.manifest().checkpoints().get((int) s + 1));
    }
    try (var files = Files.list(dir.resolve("cache").resolve("checkpoint"))) {
      assertThat(files.map(f -> Hash32.fromHex("0x" + f.getFileName())).toList())
          .containsExactlyInAnyOrderElementsOf(needed);
    }
  }

  @Test
  void aFakedSegment_givesFraud_withTheLeafAndProofTheRegistryChecks() throws Exception {
    TrainingJob.Result r =
        TinyTask.cheat(TinyTask.EXACT, workers, 40, dir.resolve("b"), new Cheat.RandomWeights(2));
    TrackedTask task = published(r, TinyTask.BINDING.trainer());
    Verification v = verify(task, r.manifest().parentCheckpoint());
    assertThat(v.verdict()).isEqualTo(Verdict.FRAUD);
    assertThat(v.failingSegment()).isEqualTo(sample(task).get(0));
    assertThat(
            io.proofmint.protocol.commit.SegmentTree.verify(
                    task.root(), task.segments(), TinyTask.BINDING, v.leaf(), v.proof())
                .isValid())
        .isTrue();
  }

  @Test
  void aBundleOfAnotherTrainersCommitment_isUnavailable() throws Exception {
    TrainingJob.Result r =
        TinyTask.honest(TinyTask.EXACT, workers, TinyTask.BINDING, 40, dir.resolve("b"));
    TrackedTask copied = published(r, Address.fromHex("0x" + "ab".repeat(20)));
    Verification v = verify(copied, r.manifest().parentCheckpoint());
    assertThat(v.outcome()).isEqualTo(Verification.Outcome.UNAVAILABLE);
    assertThat(v.verdict()).isEqualTo(Verdict.UNAVAILABLE);
    assertThat(v.detail())
        .contains("does not match the commitment")
        .contains("COMMITMENT_MISMATCH")
        .contains("task binding");
  }

  /**
   * The registry lets a root be committed for several tasks: the same trainer's root of task 1,
   * committed verbatim for task 2 and pointing at task 1's bundle, matches on root but not on
   * binding, and nothing of it can be signed but UNAVAILABLE.
   */
  @Test
  void aBundleOfTheSameTrainersCommitmentToAnotherTask_isUnavailable() throws Exception {
    TrainingJob.Result r =
        TinyTask.honest(TinyTask.EXACT, workers, TinyTask.BINDING, 40, dir.resolve("b"));
    TrackedTask original = published(r, TinyTask.BINDING.trainer());
    TrackedTask replayed =
        new TrackedTask(
            original.taskId().add(BigInteger.ONE),
            original.modelId(),
            original.trainer(),
            original.root(),
            original.finalCheckpoint(),
            original.segments(),
            original.seedBlock(),
            original.locator(),
            SEED,
            null,
            null,
            false,
            null);
    Verification v = verify(replayed, r.manifest().parentCheckpoint());
    assertThat(v.outcome()).isEqualTo(Verification.Outcome.UNAVAILABLE);
    assertThat(v.detail()).contains("COMMITMENT_MISMATCH").contains("task binding");
  }

  @Test
  void anUnparsableLocator_isUnavailable() throws Exception {
    TrainingJob.Result r =
        TinyTask.honest(TinyTask.EXACT, workers, TinyTask.BINDING, 20, dir.resolve("b"));
    TrackedTask task = published(r, TinyTask.BINDING.trainer());
    TrackedTask garbled =
        new TrackedTask(
            task.taskId(),
            task.modelId(),
            task.trainer(),
            task.root(),
            task.finalCheckpoint(),
            task.segments(),
            10,
            "file:///nowhere",
            SEED,
            null,
            null,
            false,
            null);
    Verification v = verify(garbled, r.manifest().parentCheckpoint());
    assertThat(v.outcome()).isEqualTo(Verification.Outcome.UNAVAILABLE);
    assertThat(v.detail()).startsWith("artifact locator");
  }

  @Test
  void aWithheldCheckpoint_failsItsSegment_andAnUnreachableServerIsUnavailable() throws Exception {
    TrainingJob.Result r =
        TinyTask.honest(TinyTask.EXACT, workers, TinyTask.BINDING, 40, dir.resolve("b"));
    TrackedTask task = published(r, TinyTask.BINDING.trainer());
    int first = sample(task).get(0).intValue();
    Hash32 withheld = r.manifest().checkpoints().get(first + 1);
    Files.delete(store.location(ArtifactKind.CHECKPOINT, withheld));
    Verification v = verify(task, r.manifest().parentCheckpoint());
    assertThat(v.verdict()).isEqualTo(Verdict.FRAUD);
    assertThat(v.failingSegment()).isEqualTo(first);
    assertThat(v.detail()).contains("withheld");

    server.close();
    TrackedTask other =
        new TrackedTask(
            BigInteger.TWO,
            task.modelId(),
            task.trainer(),
            Keccak.hashUtf8("other root"),
            task.finalCheckpoint(),
            task.segments(),
            10,
            task.locator().substring(0, task.locator().indexOf('#') + 1) + "cd".repeat(32),
            SEED,
            null,
            null,
            false,
            null);
    Verification unreachable = verify(other, r.manifest().parentCheckpoint());
    assertThat(unreachable.outcome()).isEqualTo(Verification.Outcome.UNAVAILABLE);
    assertThat(unreachable.detail()).startsWith("artifact server");
  }

  @Test
  void aSampleThatDiffersFromTheRegistrys_isNotAttested() throws Exception {
    TrainingJob.Result r =
        TinyTask.honest(TinyTask.EXACT, workers, TinyTask.BINDING, 20, dir.resolve("b"));
    TrackedTask task = published(r, TinyTask.BINDING.trainer());
    Verification v =
        verifier.verify(
            TinyTask.EXACT.specHash(), task, r.manifest().parentCheckpoint(), RULES, List.of(0L));
    assertThat(v.outcome()).isEqualTo(Verification.Outcome.CANNOT_ATTEST);
    assertThat(v.detail()).startsWith("sampled segments");
    assertThat(Set.of(v.outcome())).doesNotContain(Verification.Outcome.VERDICT);
  }
}
