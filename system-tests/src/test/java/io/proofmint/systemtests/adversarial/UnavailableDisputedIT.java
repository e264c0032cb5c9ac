package io.proofmint.systemtests.adversarial;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.attest.Verdict;
import io.proofmint.testsupport.fault.TcpProxy;
import io.proofmint.worker.task.TrainingJob;
import io.proofmint.wrappers.generated.TrainingRegistry;
import io.proofmint.wrappers.registry.TaskStatus;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An honest trainer whose artifact server is down while the verifiers fetch (docs/contracts.md,
 * "Availability"): the verifiers retry for their grace period, then sign UNAVAILABLE, and a quorum
 * of them attests it. The trainer brings its server back and disputes; every verifier of the
 * committee fetches the bundle once more before it may sign, replays it, and signs VALID. The
 * committee's VALID overturns the UNAVAILABLE verdict: the trainer keeps its bond, gets its reward
 * and its dispute bond back, the head moves, and no verifier is slashed (availability is not
 * provable afterwards, so an overturn involving UNAVAILABLE slashes no attester).
 */
class UnavailableDisputedIT {

  @TempDir Path dir;

  @Test
  void aBundleServedOnlyAfterTheUnavailableQuorum_isDisputedAndOverturned_theTrainerPaid()
      throws Exception {
    try (AdversarialFixture f = AdversarialFixture.start("UnavailableDisputedIT", dir, 8);
        TcpProxy server = new TcpProxy(f.artifactsUri().getPort())) {
      f.startVerifiers(f.honestVerifiers());
      // The trainer's server: a proxy in front of the fixture's artifact server, down for now (it
      // listened once to fix its URL).
      server.start();
      server.stop();
      BigInteger taskId = f.createTask(40);
      TrainingJob.Result result = f.trainOnly(f.victim(), taskId, null);
      f.publishAndCommit(f.victim(), taskId, result, server.url());

      TrainingRegistry.TaskView attested = f.awaitStatus(taskId, TaskStatus.ATTESTED);
      assertThat(attested.verdict.intValueExact()).isEqualTo(Verdict.UNAVAILABLE.code());
      BigInteger trainerStake = f.staked(f.victim());

      server.start();
      Suite trainer = f.suite.as(f.victim());
      f.flow.fundStake(f.victim(), AdversarialFixture.DISPUTE_BOND);
      BigInteger walletBefore = f.stakeTokens(f.victim());
      trainer
          .stakeToken()
          .approve(f.suite.address(SuiteRoles.TRAINING_REGISTRY), AdversarialFixture.DISPUTE_BOND)
          .send();
      trainer.registry().dispute(taskId).send();
      assertThat(f.status(taskId)).isEqualTo(TaskStatus.DISPUTED);

      TrainingRegistry.TaskView resolved =
          f.await(
              taskId,
              "the committee's VALID",
              Duration.ofSeconds(90),
              v ->
                  TaskStatus.fromChain(v.status) == TaskStatus.RESOLVED
                      || TaskStatus.fromChain(v.status) == TaskStatus.FINALIZED);
      assertThat(resolved.verdict.intValueExact()).isEqualTo(Verdict.VALID.code());
      TrainingRegistry.TaskView finalized = f.settle(taskId, TaskStatus.FINALIZED);

      assertThat(finalized.verdict.intValueExact()).isEqualTo(Verdict.VALID.code());
      assertThat(f.staked(f.victim()))
          .as("the trainer's bond is not slashed")
          .isEqualTo(trainerStake);
      assertThat(f.stakeTokens(f.victim()))
          .as("the dispute bond is refunded")
          .isEqualTo(walletBefore);
      assertThat(f.head()).isEqualTo(result.manifest().finalCheckpoint());
      var token = f.suite.modelToken(f.suite.registry().getModel(f.modelId).send().token);
      assertThat(token.balanceOf(f.victim().getAddress()).send())
          .isEqualTo(AdversarialFixture.REWARD);
      for (var v : f.honestVerifiers()) {
        assertThat(f.staked(v))
            .as("verifier %s", v.getAddress())
            .isEqualTo(AdversarialFixture.VERIFIER_STAKE);
        assertThat(f.jailed(v)).isFalse();
      }
      assertThat(f.jailed(f.victim())).isFalse();
    }
  }
}
