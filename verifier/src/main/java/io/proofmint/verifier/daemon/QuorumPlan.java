package io.proofmint.verifier.daemon;

import io.proofmint.protocol.attest.Attestation;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.wrappers.attest.SignatureBatch;
import io.proofmint.wrappers.attest.SignedAttestation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who sends a batch, and when. Among the verifiers whose signatures agree with ours (the same
 * attestation, each signature checked), the one with the lowest address submits as soon as there
 * are enough; the one at rank {@code r} waits {@code r} grace periods after it first saw enough, so
 * that a silent or crashed lowest verifier delays the batch but cannot stop it. Pure: the daemon
 * passes in what it saw and the time.
 */
public final class QuorumPlan {

  public enum Action {
    /** Fewer matching signatures than needed. */
    NOT_ENOUGH,
    /** Send {@link Decision#batch()} now. */
    SUBMIT,
    /** Enough, but a lower-ranked verifier should send first. */
    WAIT
  }

  /**
   * @param batch the lowest {@code needed} matching signatures (SUBMIT and WAIT)
   * @param matching the distinct signers that agree with us, ourselves included
   * @param rank our position among them by address
   */
  public record Decision(Action action, SignatureBatch batch, int matching, int rank) {}

  private QuorumPlan() {}

  /**
   * @param own our attestation and signature
   * @param digest the EIP-712 digest of {@code own}
   * @param peers what the peers served (unchecked)
   * @param excluded signers the registry would refuse (the task's trainer)
   * @param needed quorum (a batch) or disputeQuorum (a committee)
   * @param enoughSince when we first saw enough matching signatures; null if not before now
   */
  public static Decision decide(
      Attestation own,
      SignedAttestation ownSignature,
      Hash32 digest,
      List<AttestationWire.Received> peers,
      Set<Address> excluded,
      int needed,
      Instant enoughSince,
      Instant now,
      Duration grace) {
    Map<Address, SignedAttestation> matching = new LinkedHashMap<>();
    matching.put(ownSignature.signer(), ownSignature);
    for (AttestationWire.Received peer : peers) {
      SignedAttestation sig = peer.signature();
      if (peer.attestation().equals(own)
          && !excluded.contains(sig.signer())
          && SignatureCheck.isValid(sig, digest)) {
        matching.putIfAbsent(sig.signer(), sig);
      }
    }
    List<SignedAttestation> sorted = new ArrayList<>(matching.values());
    sorted.sort(Comparator.comparing(s -> s.signer().toHex()));
    int rank = 0;
    while (!sorted.get(rank).signer().equals(ownSignature.signer())) {
      rank++;
    }
    if (sorted.size() < needed) {
      return new Decision(Action.NOT_ENOUGH, null, sorted.size(), rank);
    }
    SignatureBatch batch = SignatureBatch.of(sorted.subList(0, needed));
    Instant since = enoughSince == null ? now : enoughSince;
    boolean due = rank == 0 || !now.isBefore(since.plus(grace.multipliedBy(rank)));
    return new Decision(due ? Action.SUBMIT : Action.WAIT, batch, sorted.size(), rank);
  }
}
