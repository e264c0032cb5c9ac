package io.proofmint.verifier.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.attest.Attestation;
import io.proofmint.protocol.attest.Eip712Domain;
import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.wrappers.attest.AttestationSigner;
import io.proofmint.wrappers.registry.TaskStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Following the chain, gathering the quorum, submitting, disputing; restarts, outages, reorgs. */
class VerifierDaemonTest extends DaemonTestBase {

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
