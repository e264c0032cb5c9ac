package io.proofmint.verifier.daemon;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.protocol.attest.Attestation;
import io.proofmint.protocol.attest.Eip712Domain;
import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.commit.SegmentLeaf;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.wrappers.attest.AttestationSigner;
import io.proofmint.wrappers.registry.TaskStatus;
import java.io.IOException;
import java.math.BigInteger;
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
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/** A verifier daemon against a fake registry, with an inline scheduler and a settable clock. */
abstract class DaemonTestBase {

  static final BigInteger TASK = BigInteger.valueOf(7);
  static final Address TRAINER = Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  static final Address COPIER = Address.fromHex("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
  static final Hash32 ROOT = Keccak.hashUtf8("root");
  static final SegmentLeaf LEAF =
      SegmentLeaf.of(
          2,
          Keccak.hashUtf8("a"),
          Keccak.hashUtf8("b"),
          Keccak.hashUtf8("c"),
          Keccak.hashUtf8("d"));

  static final Hash32 SERVED = Keccak.hashUtf8("served spec");
  static final Duration GRACE = DaemonSettings.DEFAULT_UNAVAILABLE_GRACE;

  /** Three verifier keys, sorted by address: LOW < MID < HIGH. */
  static final List<Credentials> KEYS = sortedKeys();

  @TempDir Path dir;

  final MutableClock clock = new MutableClock();
  final ScheduledThreadPoolExecutor inline =
      new ScheduledThreadPoolExecutor(1) {
        @Override
        public void execute(Runnable command) {
          command.run();
        }
      };
  final List<AttestationWire.Received> peerAnswers = new ArrayList<>();
  final List<VerifierDaemon> daemons = new ArrayList<>();
  FakeRegistry chain;
  Verification verdict = Verification.valid("all sampled segments replayed");
  int verifications;
  Executor replay = Runnable::run;

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

  static List<Credentials> sortedKeys() {
    List<Credentials> keys = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      keys.add(Credentials.create(ECKeyPair.create(BigInteger.valueOf(1000 + i))));
    }
    keys.sort(Comparator.comparing(c -> Address.fromHex(c.getAddress()).toHex()));
    return keys;
  }

  static Address address(int rank) {
    return Address.fromHex(KEYS.get(rank).getAddress());
  }

  DaemonSettings settings(int confirmations) {
    return DaemonSettings.defaults()
        .withConfirmations(confirmations)
        .withSubmitGrace(Duration.ofSeconds(10));
  }

  VerifierDaemon daemon(int rank, int confirmations, Path stateFile) throws IOException {
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
            new VerifierMetrics(new PrometheusRegistry()),
            settings(confirmations),
            clock,
            inline,
            replay);
    daemon.load();
    daemons.add(daemon);
    return daemon;
  }

  VerifierDaemon daemon(int rank, int confirmations) throws IOException {
    return daemon(rank, confirmations, dir.resolve("state-" + rank + ".json"));
  }

  /** A peer's signed verdict, as its endpoint would serve it. */
  void peerSigns(int rank, Attestation attestation) {
    Eip712Domain domain = Eip712Domain.of(31337, FakeRegistry.REGISTRY);
    peerAnswers.add(
        new AttestationWire.Received(
            attestation, new AttestationSigner(KEYS.get(rank)).sign(attestation, domain)));
  }

  Hash32 seed() {
    return chain.tasks.get(TASK).seed();
  }

  /** Commits, confirms, draws the seed and confirms it: the daemon then verifies. */
  void committedAndSeeded(VerifierDaemon daemon, int confirmations) throws IOException {
    committedAndSeeded(daemon, confirmations, TRAINER);
  }

  void committedAndSeeded(VerifierDaemon daemon, int confirmations, Address trainer)
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

  /** Two other verifiers' batch with {@code accepted} lands. */
  void acceptedBatch(Verdict accepted) {
    List<Address> others =
        List.of(Address.fromHex("0x" + "11".repeat(20)), Address.fromHex("0x" + "22".repeat(20)));
    chain.update(TASK, t -> FakeRegistry.with(t, TaskStatus.ATTESTED, accepted.code(), t.seed()));
    chain.mine(new RegistryEvent.AttestationsSubmitted(chain.head + 1, TASK, accepted, 0, others));
  }
}
