package io.proofmint.systemtests.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.attest.Verdict;
import io.proofmint.verifier.adversary.Cheat;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.TaskStatus;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack (c): a trainer fakes half of its 8 segments (one real step, extrapolated over k) and
 * trains the others honestly. With q = 16 samples the fraud escapes with probability 2^-16
 * (1.5e-5): this test fails that rarely by design. The FRAUD batch names a faked segment, and its
 * leaf and Merkle proof from the bundle are accepted by the registry.
 */
class FakedFractionIT {

  private static final Set<Integer> FAKED = Set.of(1, 3, 5, 7);

  @TempDir Path dir;

  @Test
  void fakingHalfTheSegments_isCaughtAtAFakedSegment_andSlashed() throws Exception {
    try (AdversarialFixture f = AdversarialFixture.start("FakedFractionIT", dir, 16)) {
      f.startVerifiers(f.honestVerifiers());
      BigInteger taskId = f.createTask(80);
      f.train(f.cheater(), taskId, Cheat.FakeSegments.of(FAKED));

      TrainingRegistry.TaskView attested = f.awaitStatus(taskId, TaskStatus.ATTESTED);
      assertThat(attested.verdict.intValueExact()).isEqualTo(Verdict.FRAUD.code());
      assertThat(attested.failingSegment.intValueExact()).isIn(FAKED.toArray());
      @SuppressWarnings("unchecked")
      List<BigInteger> sampled = f.suite.registry().sampledSegments(taskId).send();
      // The failing segment is the first faked one in draw order.
      int firstFaked =
          sampled.stream()
              .map(BigInteger::intValueExact)
              .filter(FAKED::contains)
              .findFirst()
              .orElseThrow();
      assertThat(attested.failingSegment.intValueExact()).isEqualTo(firstFaked);

      BigInteger stakeBefore = f.staked(f.cheater());
      f.settle(taskId, TaskStatus.REJECTED);
      assertThat(f.staked(f.cheater()))
          .isEqualTo(stakeBefore.subtract(AdversarialFixture.TRAINER_BOND));
      assertThat(f.jailed(f.cheater())).isTrue();
    }
  }
}
