package io.proofmint.systemtests.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.verifier.adversary.Cheat;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.TaskStatus;
import java.math.BigInteger;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attack (b): a trainer trains every step, but on batches of its own choosing (another seed), and
 * writes the derived batch hashes into its records so that they look right. The replayed end state
 * differs: FRAUD, slashed, attesters paid.
 */
class OtherDataIT {

  @TempDir Path dir;

  @Test
  void trainingOnOtherData_isCaughtByTheEndState_andSlashed() throws Exception {
    try (AdversarialFixture f = AdversarialFixture.start("OtherDataIT", dir, 8)) {
      f.startVerifiers(f.honestVerifiers());
      BigInteger taskId = f.createTask(40);
      f.train(f.cheater(), taskId, new Cheat.OtherData(Keccak.hashUtf8("cherry-picked data")));

      TrainingRegistry.TaskView attested = f.awaitStatus(taskId, TaskStatus.ATTESTED);
      assertThat(attested.verdict.intValueExact()).isEqualTo(Verdict.FRAUD.code());
      BigInteger stakeBefore = f.staked(f.cheater());
      BigInteger poolBefore = BigInteger.ZERO;
      for (var v : f.honestVerifiers()) {
        poolBefore = poolBefore.add(f.stakeTokens(v));
      }

      TrainingRegistry.TaskView settled = f.settle(taskId, TaskStatus.REJECTED);

      assertThat(f.staked(f.cheater()))
          .isEqualTo(stakeBefore.subtract(AdversarialFixture.TRAINER_BOND));
      BigInteger poolAfter = BigInteger.ZERO;
      for (var v : f.honestVerifiers()) {
        poolAfter = poolAfter.add(f.stakeTokens(v));
      }
      BigInteger share = settled.proverShare.divide(BigInteger.valueOf(AdversarialFixture.QUORUM));
      assertThat(poolAfter.subtract(poolBefore)).isEqualTo(share.multiply(BigInteger.TWO));
      assertThat(f.head())
          .as("the model head did not move")
          .isEqualTo(AdversarialFixture.HASHER.hash(f.initial));
    }
  }
}
