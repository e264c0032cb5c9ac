package io.proofmint.systemtests.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.attest.Verdict;
import io.proofmint.verifier.adversary.Cheat;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.TaskStatus;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * Attack (e): two colluding verifiers attest VALID on a fraudulent task without replaying and reach
 * the quorum (m = 2) before anyone else. Three honest verifier daemons start afterwards, replay,
 * find FRAUD, and the lowest of them disputes (posting the bond). The three sign the committee
 * resolution (disputeQuorum = 3): the verdict is overturned, each lazy verifier is slashed with the
 * disputer as prover, the bond comes back, and the committee replaces the attesters. Finalization
 * then slashes the trainer and pays the committee.
 */
class LazyVerifierIT {

  @TempDir Path dir;

  @Test
  void lazyVerifiers_areOverturnedByTheCommittee_andSlashed() throws Exception {
    try (AdversarialFixture f = AdversarialFixture.start("LazyVerifierIT", dir, 8)) {
      BigInteger taskId = f.createTask(40);
      f.train(f.cheater(), taskId, Cheat.FakeSegments.everyNth(4, 1, 0));
      List<Credentials> lazy = f.lazyVerifiers();
      f.flow.drawSeed(lazy.get(0), taskId);
      f.flow.attestValid(lazy.get(0), taskId, lazy);
      assertThat(f.status(taskId)).isEqualTo(TaskStatus.ATTESTED);

      BigInteger slash = f.suite.registry().verifierSlashAmount().send();
      Map<Credentials, BigInteger> lazyStake = new HashMap<>();
      for (Credentials v : lazy) {
        lazyStake.put(v, f.staked(v));
      }
      Map<Credentials, BigInteger> wallets = new HashMap<>();
      for (Credentials v : f.honestVerifiers()) {
        wallets.put(v, f.stakeTokens(v));
      }
      BigInteger trainerStake = f.staked(f.cheater());

      f.startVerifiers(f.honestVerifiers());
      TrainingRegistry.TaskView resolved = f.awaitStatus(taskId, TaskStatus.RESOLVED);
      assertThat(resolved.verdict.intValueExact()).isEqualTo(Verdict.FRAUD.code());
      for (Credentials v : lazy) {
        assertThat(f.staked(v)).isEqualTo(lazyStake.get(v).subtract(slash));
        assertThat(f.jailed(v)).isTrue();
      }

      TrainingRegistry.TaskView settled = f.settle(taskId, TaskStatus.REJECTED);
      assertThat(f.staked(f.cheater()))
          .isEqualTo(trainerStake.subtract(AdversarialFixture.TRAINER_BOND));

      String disputer = settled.disputer;
      BigInteger bps = BigInteger.valueOf(5_000); // devnet prover share
      BigInteger fromLazy =
          slash.multiply(bps).divide(BigInteger.valueOf(10_000)).multiply(BigInteger.TWO);
      BigInteger committeeShare =
          settled.proverShare.divide(BigInteger.valueOf(AdversarialFixture.DISPUTE_QUORUM));
      for (Credentials v : f.honestVerifiers()) {
        BigInteger gained = f.stakeTokens(v).subtract(wallets.get(v));
        BigInteger expected =
            v.getAddress().equalsIgnoreCase(disputer)
                ? committeeShare.add(fromLazy)
                : committeeShare;
        assertThat(gained).as("stake tokens gained by %s", v.getAddress()).isEqualTo(expected);
      }
    }
  }
}
