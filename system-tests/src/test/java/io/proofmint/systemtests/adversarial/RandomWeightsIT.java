package io.proofmint.systemtests.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.attest.Verdict;
import io.proofmint.verifier.adversary.Cheat;
import io.proofmint.verifier.daemon.VerifierNode;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.TaskStatus;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * Attack (a): a trainer skips training and commits random weights (with made-up losses and the
 * right batch hashes). Three verifier daemons replay their sampled segments, sign FRAUD, submit the
 * batch through the lowest address, and as keepers finalize: the trainer's bond is slashed and the
 * two attesters split the prover share.
 */
class RandomWeightsIT {

  @TempDir Path dir;

  @Test
  void randomWeights_areCaught_theTrainerIsSlashed_andTheAttestersArePaid() throws Exception {
    try (AdversarialFixture f = AdversarialFixture.start("RandomWeightsIT", dir, 8)) {
      List<VerifierNode> nodes = f.startVerifiers(f.honestVerifiers());
      BigInteger taskId = f.createTask(40);
      f.train(f.cheater(), taskId, new Cheat.RandomWeights(1));

      TrainingRegistry.TaskView attested = f.awaitStatus(taskId, TaskStatus.ATTESTED);
      assertThat(attested.verdict.intValueExact()).isEqualTo(Verdict.FRAUD.code());

      BigInteger stakeBefore = f.staked(f.cheater());
      List<Credentials> verifiers = f.honestVerifiers();
      BigInteger[] before = new BigInteger[3];
      for (int i = 0; i < 3; i++) {
        before[i] = f.stakeTokens(verifiers.get(i));
      }
      TrainingRegistry.TaskView settled = f.settle(taskId, TaskStatus.REJECTED);

      assertThat(f.staked(f.cheater()))
          .isEqualTo(stakeBefore.subtract(AdversarialFixture.TRAINER_BOND));
      assertThat(f.jailed(f.cheater())).isTrue();
      BigInteger share = settled.proverShare.divide(BigInteger.valueOf(AdversarialFixture.QUORUM));
      assertThat(share).isPositive();
      BigInteger paid = BigInteger.ZERO;
      for (int i = 0; i < 3; i++) {
        BigInteger gained = f.stakeTokens(verifiers.get(i)).subtract(before[i]);
        assertThat(gained).isIn(BigInteger.ZERO, share);
        paid = paid.add(gained);
      }
      assertThat(paid).as("two attesters paid").isEqualTo(share.multiply(BigInteger.TWO));

      long fraudVerdicts = 0;
      for (VerifierNode node : nodes) {
        fraudVerdicts += node.metrics().verdicts(Verdict.FRAUD);
      }
      assertThat(fraudVerdicts).isEqualTo(3);
      String metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(nodes.get(0).endpoint() + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(metrics.lines())
          .contains(
              "proofmint_verifier_verdicts_total{verdict=\"FRAUD\"} 1.0",
              "proofmint_verifier_segments_replayed_total{reason=\"END_HASH_MISMATCH\"} 1.0",
              "# TYPE proofmint_verifier_lag_blocks gauge");
    }
  }
}
