package io.proofmint.verifier.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.bundle.BundleLayout;
import io.proofmint.protocol.bundle.BundleValidation;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.sampling.SegmentSampler;
import io.proofmint.verifier.TinyTask;
import io.proofmint.verifier.adversary.Cheat;
import io.proofmint.verifier.replay.ReplayPolicy;
import io.proofmint.verifier.replay.ReplayReason;
import io.proofmint.verifier.replay.SegmentReplay;
import io.proofmint.verifier.replay.SegmentReplayer;
import io.proofmint.worker.engine.TrainingEngine;
import io.proofmint.worker.engine.WorkerPool;
import io.proofmint.worker.task.TrainingJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleCheckTest {

  private static WorkerPool workers;
  private static TrainingEngine engine;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    workers = WorkerPool.create(2);
    engine = TrainingEngine.open(TinyTask.EXACT.spec(), TinyTask.EXACT.profile(), workers);
  }

  @AfterAll
  static void stop() {
    engine.close();
    workers.close();
  }

  private static BundleCheck check() {
    return new BundleCheck(
        TinyTask.HASHER,
        new SegmentReplayer(
            TinyTask.EXACT, TinyTask.DATA, engine, TinyTask.HASHER, ReplayPolicy.exact()));
  }

  @Test
  void checkAll_ofAnHonestBundle_isValid_andTheTableHasARowPerSegment() throws Exception {
    TinyTask.honest(TinyTask.EXACT, workers, TinyTask.BINDING, 40, dir.resolve("b"));
    List<SegmentReplay> seen = new ArrayList<>();
    CheckReport report = check().check(dir.resolve("b"), SegmentSelection.all(), seen::add);

    assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    assertThat(report.rows()).extracting(SegmentReplay::segment).containsExactly(0, 1, 2, 3);
    assertThat(seen).hasSize(4);
    String table = CheckTable.render(report);
    assertThat(table.lines().toList()).hasSize(6); // header, 4 rows, verdict
    assertThat(table).startsWith("segment  committed end").contains("MATCH");
    assertThat(table.lines().toList().getLast()).startsWith("VALID: 4 segment(s) replayed");
  }

  @Test
  void checkSampled_replaysTheRegistrysSample_andNamesTheFirstFailingSegment() throws Exception {
    TrainingJob.Result result =
        TinyTask.cheat(
            TinyTask.EXACT, workers, 60, dir.resolve("b"), Cheat.FakeSegments.of(Set.of(1, 4)));
    Hash32 seed = Keccak.hashUtf8("seed");
    LinkedHashSet<Integer> expected = new LinkedHashSet<>();
    for (long s : SegmentSampler.sample(seed, result.manifest().root(), 6, 8)) {
      expected.add((int) s);
    }

    CheckReport report = check().check(dir.resolve("b"), SegmentSelection.sampled(seed, 8));

    assertThat(report.rows())
        .extracting(SegmentReplay::segment)
        .containsExactlyElementsOf(expected);
    boolean sampledAFake = expected.contains(1) || expected.contains(4);
    assertThat(report.verdict()).isEqualTo(sampledAFake ? Verdict.FRAUD : Verdict.VALID);
    report
        .firstFailure()
        .ifPresent(
            f -> {
              assertThat(f.segment()).isIn(1, 4);
              assertThat(CheckTable.summary(report))
                  .startsWith("FRAUD: segment " + f.segment() + " END_HASH_MISMATCH");
            });
  }

  @Test
  void checkExplicit_needsOnlyTheCheckpointsOfItsSegments() throws Exception {
    TrainingJob.Result result =
        TinyTask.honest(TinyTask.EXACT, workers, TinyTask.BINDING, 40, dir.resolve("b"));
    Files.delete(BundleLayout.checkpoint(dir.resolve("b"), result.manifest().checkpoints().get(4)));

    CheckReport partial =
        check().check(dir.resolve("b"), SegmentSelection.explicit(List.of(1, 0, 1)));
    assertThat(partial.isValid()).isTrue();
    assertThat(partial.rows()).extracting(SegmentReplay::segment).containsExactly(1, 0);

    CheckReport all = check().check(dir.resolve("b"), SegmentSelection.all());
    assertThat(all.validation().reason()).isEqualTo(BundleValidation.Reason.CHECKPOINT_MISSING);
    assertThat(all.verdict()).isEqualTo(Verdict.FRAUD);
    assertThat(CheckTable.render(all)).startsWith("INVALID bundle");
  }

  @Test
  void checkAll_ofRandomWeights_failsEverySegment() throws Exception {
    TinyTask.cheat(TinyTask.EXACT, workers, 30, dir.resolve("b"), new Cheat.RandomWeights(9));
    CheckReport report = check().check(dir.resolve("b"), SegmentSelection.all());
    assertThat(report.rows())
        .extracting(SegmentReplay::reason)
        .containsOnly(ReplayReason.END_HASH_MISMATCH);
    assertThat(CheckTable.summary(report)).endsWith("; 3 of 3 segments failed");
  }

  @Test
  void run_opensItsOwnEngine_andChecksATolerantModelWithTheDefaultThreshold() throws Exception {
    var tolerant = TinyTask.model(io.proofmint.worker.engine.VerificationMode.TOLERANT);
    TinyTask.honest(tolerant, workers, TinyTask.BINDING, 20, dir.resolve("b"));
    ReplayPolicy policy = ReplayPolicy.of(tolerant.mode(), ReplayPolicy.DEFAULT_TOLERANCE_MICROS);
    CheckReport report =
        BundleCheck.run(
            tolerant, TinyTask.DATA, policy, 1, dir.resolve("b"), SegmentSelection.all(), r -> {});
    assertThat(report.isValid()).isTrue();
    assertThat(report.policy().threshold()).isEqualTo(1e-4);
    assertThat(CheckTable.summary(report))
        .isEqualTo("VALID: 2 segment(s) replayed, policy tolerant(1.0E-4)");
  }
}
