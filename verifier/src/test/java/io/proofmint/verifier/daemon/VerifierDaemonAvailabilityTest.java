package io.proofmint.verifier.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.attest.Attestation;
import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** UNAVAILABLE: retries within the grace, disputes around it, and a root committed again. */
class VerifierDaemonAvailabilityTest extends DaemonTestBase {

  @Test
  void anUnavailableBundle_isFetchedAgainWithBackoff_thenSignedUnavailableAfterTheGrace()
      throws IOException {
    verdict = Verification.unavailable("artifact server: expected the artifact, got 404");
    VerifierDaemon low = daemon(0, 0);
    committedAndSeeded(low, 0);
    assertThat(verifications).isEqualTo(1);
    Duration elapsed = Duration.ZERO;
    while (low.state().tasks().get(TASK).own() == null) {
      clock.advance(Duration.ofSeconds(5));
      elapsed = elapsed.plusSeconds(5);
      low.poll();
      assertThat(elapsed).as("signed by the end of the grace").isLessThanOrEqualTo(GRACE);
    }
    assertThat(elapsed).as("not before the grace is over").isEqualTo(GRACE);
    // 15 s doubling up to the 60 s maximum: attempts at 0, 15, 45, 105, 165, ..., 585, 600 s
    assertThat(verifications).isEqualTo(13);
    assertThat(low.state().tasks().get(TASK).own().verdict()).isEqualTo(Verdict.UNAVAILABLE);

    peerSigns(2, Attestation.unavailable(TASK, ROOT, seed()));
    low.poll();
    assertThat(chain.sent)
        .last()
        .asString()
        .isEqualTo(address(0).toHex() + " submitAttestations 7 UNAVAILABLE 2");
  }

  @Test
  void theGrace_isAtMostHalfTheModelsVerifyTimeout() throws IOException {
    chain.rules =
        new ModelRules(10, 4, 2, 3, 0, 0, 3600, 100, BigInteger.TEN, BigInteger.valueOf(5));
    verdict = Verification.unavailable("artifact server: connection refused");
    VerifierDaemon low = daemon(0, 0);
    committedAndSeeded(low, 0);
    clock.advance(Duration.ofSeconds(45));
    low.poll();
    assertThat(low.state().tasks().get(TASK).own()).isNull();
    clock.advance(Duration.ofSeconds(5));
    low.poll();
    assertThat(low.state().tasks().get(TASK).own().verdict()).isEqualTo(Verdict.UNAVAILABLE);
  }

  @Test
  void aBundleThatAppearsWithinTheGrace_isVerifiedNormally() throws IOException {
    verdict = Verification.unavailable("artifact server: 503");
    VerifierDaemon low = daemon(0, 0);
    committedAndSeeded(low, 0);
    verdict = Verification.valid("all sampled segments replayed");
    clock.advance(Duration.ofSeconds(15));
    low.poll();
    assertThat(low.state().tasks().get(TASK).own().verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void ownValid_disputesAnAcceptedUnavailable() throws IOException {
    VerifierDaemon low = daemon(0, 0);
    committedAndSeeded(low, 0);
    acceptedBatch(Verdict.UNAVAILABLE);
    low.poll();
    assertThat(chain.sent).last().asString().isEqualTo(address(0).toHex() + " dispute 7 bond 5");
  }

  @Test
  void ownFraud_doesNotDisputeAnAcceptedUnavailable_bothRejectTheWork() throws IOException {
    verdict = Verification.fraud(LEAF, List.of(Keccak.hashUtf8("sibling")), "END_HASH_MISMATCH");
    VerifierDaemon low = daemon(0, 0);
    committedAndSeeded(low, 0);
    acceptedBatch(Verdict.UNAVAILABLE);
    low.poll();
    low.poll();
    assertThat(chain.sent.stream().filter(s -> s.contains("dispute"))).isEmpty();
  }

  @Test
  void ownUnavailable_isFetchedOnceMoreBeforeADispute_andTheNewVerdictIsUsed() throws IOException {
    chain.rules = new ModelRules(10, 4, 2, 3, 0, 0, 3600, 0, BigInteger.TEN, BigInteger.valueOf(5));
    verdict = Verification.unavailable("artifact server: 404"); // grace 0: signed at once
    VerifierDaemon low = daemon(0, 0);
    committedAndSeeded(low, 0);
    assertThat(low.state().tasks().get(TASK).own().verdict()).isEqualTo(Verdict.UNAVAILABLE);
    acceptedBatch(Verdict.VALID);

    verdict = Verification.valid("the trainer serves its bundle now");
    low.poll(); // disagrees, but fetches again before disputing
    assertThat(verifications).isEqualTo(2);
    assertThat(low.state().tasks().get(TASK).own().verdict()).isEqualTo(Verdict.VALID);
    low.poll();
    low.poll();
    assertThat(chain.sent.stream().filter(s -> s.contains("dispute"))).isEmpty();
    assertThat(verifications).as("once").isEqualTo(2);
  }

  @Test
  void ownUnavailable_stillUnavailableOnTheRecheck_disputesAnAcceptedValid() throws IOException {
    chain.rules = new ModelRules(10, 4, 2, 3, 0, 0, 3600, 0, BigInteger.TEN, BigInteger.valueOf(5));
    verdict = Verification.unavailable("artifact server: 404");
    VerifierDaemon low = daemon(0, 0);
    committedAndSeeded(low, 0);
    acceptedBatch(Verdict.VALID);
    low.poll(); // the recheck: still unavailable
    low.poll();
    assertThat(verifications).isEqualTo(2);
    assertThat(chain.sent).last().asString().isEqualTo(address(0).toHex() + " dispute 7 bond 5");
  }

  /**
   * The registry does not keep roots unique: once a commitment expired, the next claimer may commit
   * the same root to the same task. It binds the first trainer, so it opens nothing for the copier
   * and the bundle behind it does not match the new commitment. The daemon must take it as a new
   * commitment (both events fall between two polls here, so it never sees the task reopened) and
   * verify it, not keep the first commitment's verdict.
   */
  @Test
  void theSameRootRecommittedByAnotherTrainer_isVerifiedAsANewCommitment() throws IOException {
    chain.rules = new ModelRules(10, 4, 2, 3, 0, 0, 3600, 0, BigInteger.TEN, BigInteger.valueOf(5));
    VerifierDaemon low = daemon(0, 0);
    committedAndSeeded(low, 0, TRAINER);
    Hash32 firstSeed = seed();
    assertThat(low.state().tasks().get(TASK).own().verdict()).isEqualTo(Verdict.VALID);

    verdict = Verification.unavailable("bundle does not match the commitment: task binding");
    committedAndSeeded(low, 0, COPIER);

    TrackedTask copy = low.state().tasks().get(TASK);
    assertThat(verifications).isEqualTo(2);
    assertThat(copy.trainer()).isEqualTo(COPIER);
    assertThat(seed()).isNotEqualTo(firstSeed);
    assertThat(copy.own().attestation()).isEqualTo(Attestation.unavailable(TASK, ROOT, seed()));
    peerSigns(2, Attestation.unavailable(TASK, ROOT, seed()));
    low.poll();
    assertThat(chain.sent)
        .last()
        .asString()
        .isEqualTo(address(0).toHex() + " submitAttestations 7 UNAVAILABLE 2");
  }

  /**
   * A replay of the first commitment that ends after the same root was re-committed by another
   * trainer (and its seed drawn) is about the other binding and the other sample: its VALID must
   * not be signed for the copy. The copy is verified on its own.
   */
  @Test
  void aVerdictOnAnExpiredCommitment_isNotSignedForTheSameRootRecommittedByAnotherTrainer()
      throws IOException {
    chain.rules = new ModelRules(10, 4, 2, 3, 0, 0, 3600, 0, BigInteger.TEN, BigInteger.valueOf(5));
    List<Runnable> replays = new ArrayList<>();
    replay = replays::add;
    VerifierDaemon low = daemon(0, 0);
    committedAndSeeded(low, 0, TRAINER);
    assertThat(replays).as("the first commitment's replay is running").hasSize(1);
    committedAndSeeded(low, 0, COPIER);
    assertThat(replays).as("one replay of a task at a time").hasSize(1);

    replays.remove(0).run(); // VALID, for the first commitment
    assertThat(verifications).isEqualTo(1);
    assertThat(low.state().tasks().get(TASK).own()).isNull();

    verdict = Verification.unavailable("bundle does not match the commitment: task binding");
    low.poll();
    replays.remove(0).run();
    assertThat(verifications).isEqualTo(2);
    assertThat(low.state().tasks().get(TASK).own().attestation())
        .isEqualTo(Attestation.unavailable(TASK, ROOT, seed()));
  }
}
