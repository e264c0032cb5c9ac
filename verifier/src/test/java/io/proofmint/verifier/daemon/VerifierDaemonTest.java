package io.proofmint.verifier.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.attest.Attestation;
import io.proofmint.protocol.attest.Eip712Domain;
import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.commit.SegmentLeaf;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.worker.role.TaskStatus;
import io.proofmint.wrappers.attest.AttestationSigner;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

class VerifierDaemonTest {

  private static final BigInteger TASK = BigInteger.valueOf(7);
  private static final Address TRAINER =
      Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  private static final Address COPIER =
      Address.fromHex("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
  private static final Hash32 ROOT = Keccak.hashUtf8("root");
  private static final SegmentLeaf LEAF =
      SegmentLeaf.of(
          2,
          Keccak.hashUtf8("a"),
          Keccak.hashUtf8("b"),
          Keccak.hashUtf8("c"),
          Keccak.hashUtf8("d"));

  private static final Hash32 SERVED = Keccak.hashUtf8("served spec");
  private static final Duration GRACE = DaemonSettings.DEFAULT_UNAVAILABLE_GRACE;

  /** Three verifier keys, sorted by address: LOW < MID < HIGH. */
  private static final List<Credentials> KEYS = sortedKeys();

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock();
  private final ScheduledThreadPoolExecutor inline =
      new ScheduledThreadPoolExecutor(1) {
        @Override
        public void execute(Runnable command) {
          command.run();
        }
      };
  private final List<AttestationWire.Received> peerAnswers = new ArrayList<>();
  private final List<VerifierDaemon> daemons = new ArrayList<>();
  private FakeRegistry chain;
  private Verification verdict = Verification.valid("all sampled segments replayed");
  private int verifications;
  private Executor replay = Runnable::run;

  @BeforeEach
  void chain() {
    chain = new FakeRegistry(address(0));
    chain.head = 10;
  }

  @AfterEach
  void stop() {
    daemons.forEach(VerifierDaemon::close);
    inline.shutdownNow();
  }

  private static List<Credentials> sortedKeys() {
    List<Credentials> keys = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      keys.add(Credentials.create(ECKeyPair.create(BigInteger.valueOf(1000 + i))));
    }
    keys.sort(Comparator.comparing(c -> Address.fromHex(c.getAddress()).toHex()));
    return keys;
  }

  private static Address address(int rank) {
    return Address.fromHex(KEYS.get(rank).getAddress());
  }

  private DaemonSettings settings(int confirmations) {
    return DaemonSettings.defaults()
        .withConfirmations(confirmations)
        .withSubmitGrace(Duration.ofSeconds(10));
  }

  private VerifierDaemon daemon(int rank, int confirmations, Path stateFile) throws IOException {
    TaskVerifier fake =
        new TaskVerifier() {
          @Override
          public boolean serves(Hash32 specHash) {
            return specHash.equals(SERVED);
          }

          @Override
          public Verification verify(
              Hash32 specHash,
              TrackedTask task,
              Hash32 parent,
              ModelRules rules,
              List<Long> chainSample) {
            verifications++;
            return verdict;
          }
        };
    VerifierDaemon daemon =
        new VerifierDaemon(
            chain.as(address(rank)),
            fake,
            new AttestationSigner(KEYS.get(rank)),
            taskId -> CompletableFuture.completedFuture(List.copyOf(peerAnswers)),
            new AttestationBook(),
            new StateFile(stateFile),
            new VerifierMetrics(),
            settings(confirmations),
            clock,
            inline,
            replay);
    daemon.load();
    daemons.add(daemon);
    return daemon;
  }

  private VerifierDaemon daemon(int rank, int confirmations) throws IOException {
    return daemon(rank, confirmations, dir.resolve("state-" + rank + ".json"));
  }

  /** A peer's signed verdict, as its endpoint would serve it. */
  private void peerSigns(int rank, Attestation attestation) {
    Eip712Domain domain = Eip712Domain.of(31337, FakeRegistry.REGISTRY);
    peerAnswers.add(
        new AttestationWire.Received(
            attestation, new AttestationSigner(KEYS.get(rank)).sign(attestation, domain)));
  }

  private Hash32 seed() {
    return chain.tasks.get(TASK).seed();
  }

  /** Commits, confirms, draws the seed and confirms it: the daemon then verifies. */
  private void committedAndSeeded(VerifierDaemon daemon, int confirmations) throws IOException {
    committedAndSeeded(daemon, confirmations, TRAINER);
  }

  private void committedAndSeeded(VerifierDaemon daemon, int confirmations, Address trainer)
      throws IOException {
    chain.commit(TASK, trainer, ROOT, 4);
    for (int i = 0; i < Math.max(2, confirmations); i++) {
      chain.mine(); // past the seed block, and the commit confirmed
    }
    daemon.poll(); // tracks the task, draws the seed
    for (int i = 0; i < confirmations; i++) {
      chain.mine();
    }
    daemon.poll(); // applies SeedDrawn, verifies, signs
  }

  @Test
  void poll_actsOnlyOnEventsWithEnoughConfirmations() throws IOException {
    VerifierDaemon daemon = daemon(0, 3);
    long block = chain.commit(TASK, TRAINER, ROOT, 4);
    chain.mine(); // 1 confirmation
    daemon.poll();
    assertThat(daemon.state().tasks()).isEmpty();
    assertThat(daemon.state().cursor()).isEqualTo(block - 3 + 1);

    chain.mine();
    chain.mine(); // 3 confirmations
    daemon.poll();
    assertThat(daemon.state().tasks()).containsKey(TASK);
  }

  @Test
  void poll_skipsTasksOfModelsItDoesNotServe() throws IOException {
    VerifierDaemon daemon = daemon(0, 0);
    chain.spec = Keccak.hashUtf8("someone else's model");
    chain.commit(TASK, TRAINER, ROOT, 4);
    chain.mine();
    daemon.poll();
    assertThat(daemon.state().tasks()).isEmpty();
    assertThat(chain.sent).isEmpty();
  }

  @Test
  void poll_drawsTheSeedWhenDue_onceAndOnlyIfNotDrawn() throws IOException {
    VerifierDaemon daemon = daemon(0, 0);
    chain.commit(TASK, TRAINER, ROOT, 4); // seed block = commit block + 1 = head + 1
    daemon.poll();
    assertThat(chain.sent).as("the seed block is not mined yet").isEmpty();
    chain.mine();
    chain.mine();
    daemon.poll();
    assertThat(chain.sent).containsExactly(address(0).toHex() + " drawSeed 7");

    VerifierDaemon other = daemon(1, 0);
    other.poll();
    assertThat(chain.sent).as("already drawn: nothing sent").hasSize(1);
  }

  @Test
  void lowestAddress_submitsTheBatchAsSoonAsItHasTheQuorum() throws IOException {
    VerifierDaemon low = daemon(0, 1);
    committedAndSeeded(low, 1);
    assertThat(verifications).isEqualTo(1);
    assertThat(low.state().tasks().get(TASK).own().verdict()).isEqualTo(Verdict.VALID);
    assertThat(chain.sent.stream().filter(s -> s.contains("submit"))).isEmpty();

    peerSigns(2, Attestation.valid(TASK, ROOT, seed()));
    low.poll(); // sees the peer: quorum 2 reached, lowest address
    assertThat(chain.sent)
        .last()
        .asString()
        .isEqualTo(address(0).toHex() + " submitAttestations 7 VALID 2");
    assertThat(chain.tasks.get(TASK).status()).isEqualTo(TaskStatus.ATTESTED);
  }

  @Test
  void higherAddress_waitsItsGrace_thenSubmits_andTreatsAlreadyAttestedAsDone() throws IOException {
    VerifierDaemon high = daemon(2, 0);
    committedAndSeeded(high, 0);
    peerSigns(0, Attestation.valid(TASK, ROOT, seed()));
    high.poll(); // quorum, but rank 1 of 2: waits one grace period
    assertThat(chain.sent.stream().filter(s -> s.contains("submit"))).isEmpty();
    clock.advance(Duration.ofSeconds(9));
    high.poll();
    assertThat(chain.sent.stream().filter(s -> s.contains("submit"))).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    chain.rejectNext = true; // as if the lowest verifier's batch landed first
    high.poll();
    assertThat(chain.sent.stream().filter(s -> s.contains("submit"))).isEmpty();
    high.poll(); // tries again: nothing rejects now
    assertThat(chain.sent).last().asString().contains("submitAttestations 7 VALID 2");
  }

  @Test
  void peersWithAnotherVerdictOrABadSignature_doNotCount() throws IOException {
    VerifierDaemon low = daemon(0, 0);
    committedAndSeeded(low, 0);
    peerSigns(1, Attestation.fraud(TASK, ROOT, seed(), 2)); // disagrees
    Attestation forged = Attestation.valid(TASK, ROOT, seed());
    peerAnswers.add(
        new AttestationWire.Received(
            forged,
            new io.proofmint.wrappers.attest.SignedAttestation(
                address(2),
                new AttestationSigner(KEYS.get(1))
                    .sign(forged, Eip712Domain.of(31337, FakeRegistry.REGISTRY))
                    .signature())));
    low.poll();
    low.poll();
    assertThat(chain.sent.stream().filter(s -> s.contains("submit"))).isEmpty();
  }

  @Test
  void disagreeingWithAnAcceptedBatch_disputes_andTheCommitteeResolvesWithTheOriginalAttesters()
      throws IOException {
    verdict =
        Verification.fraud(LEAF, List.of(Keccak.hashUtf8("sibling")), "END_HASH_MISMATCH: ...");
    VerifierDaemon low = daemon(0, 0);
    committedAndSeeded(low, 0);
    // Two lazy verifiers' VALID batch lands first.
    List<Address> lazy =
        List.of(Address.fromHex("0x" + "11".repeat(20)), Address.fromHex("0x" + "22".repeat(20)));
    chain.update(TASK, t -> FakeRegistry.with(t, TaskStatus.ATTESTED, 1, t.seed()));
    chain.mine(
        new RegistryEvent.AttestationsSubmitted(chain.head + 1, TASK, Verdict.VALID, 0, lazy));
    low.poll();
    assertThat(chain.sent).last().asString().isEqualTo(address(0).toHex() + " dispute 7 bond 5");

    low.poll(); // applies TaskDisputed; committee needs 3 FRAUD signatures
    assertThat(chain.sent.stream().filter(s -> s.contains("resolve"))).isEmpty();
    peerSigns(1, Attestation.fraud(TASK, ROOT, seed(), 2));
    peerSigns(2, Attestation.fraud(TASK, ROOT, seed(), 2));
    low.poll();
    assertThat(chain.sent)
        .last()
        .asString()
        .isEqualTo(address(0).toHex() + " resolveDispute 7 FRAUD 3 originals " + lazy);
  }

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

  /** Two other verifiers' batch with {@code accepted} lands. */
  private void acceptedBatch(Verdict accepted) {
    List<Address> others =
        List.of(Address.fromHex("0x" + "11".repeat(20)), Address.fromHex("0x" + "22".repeat(20)));
    chain.update(TASK, t -> FakeRegistry.with(t, TaskStatus.ATTESTED, accepted.code(), t.seed()));
    chain.mine(new RegistryEvent.AttestationsSubmitted(chain.head + 1, TASK, accepted, 0, others));
  }

  @Test
  void cursorAndVerdict_surviveARestart() throws IOException {
    Path state = dir.resolve("state.json");
    VerifierDaemon first = daemon(0, 0, state);
    committedAndSeeded(first, 0);
    long cursor = first.state().cursor();
    first.close();

    VerifierDaemon second = daemon(0, 0, state);
    assertThat(second.state().cursor()).isEqualTo(cursor);
    assertThat(second.state().tasks().get(TASK).own().verdict()).isEqualTo(Verdict.VALID);
    second.poll();
    assertThat(verifications).as("the verdict is not computed again").isEqualTo(1);
    assertThat(Files.readString(state)).contains("\"cursor\"");
  }

  @Test
  void aNodeThatIsDown_failsThePoll_andTheNextPollCatchesUp() throws IOException {
    VerifierDaemon daemon = daemon(0, 0);
    chain.down = true;
    assertThatThrownBy(daemon::poll).isInstanceOf(IOException.class);
    chain.down = false;
    chain.commit(TASK, TRAINER, ROOT, 4);
    daemon.poll();
    assertThat(daemon.state().tasks()).containsKey(TASK);
    assertThat(DaemonSettings.defaults().backoff(3)).isEqualTo(Duration.ofSeconds(16));
    assertThat(DaemonSettings.defaults().fetchBackoff(1)).isEqualTo(Duration.ofSeconds(15));
    assertThat(DaemonSettings.defaults().fetchBackoff(4)).isEqualTo(Duration.ofSeconds(60));
    assertThatThrownBy(() -> DaemonSettings.defaults().withConfirmations(129))
        .hasMessageContaining("expected 0..128 (the seed must be drawn within 256 blocks");
    assertThat(DaemonSettings.defaults().backoff(10)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aReorgDeeperThanTheConfirmations_rewindsTheCursor() throws IOException {
    VerifierDaemon daemon = daemon(0, 2);
    for (int i = 0; i < 5; i++) {
      chain.mine();
    }
    daemon.poll();
    long cursor = daemon.state().cursor();
    chain.forks.put(cursor, "-fork");
    daemon.poll();
    assertThat(daemon.state().cursor()).isEqualTo(chain.head - 2);
    assertThat(daemon.state().cursorHash())
        .isEqualTo(chain.blockHash(chain.head - 2).orElseThrow());
  }
}
