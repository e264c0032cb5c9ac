package io.proofmint.verifier.daemon;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where a verifier gets its peers' signed verdicts on a task. */
@FunctionalInterface
public interface PeerAttestations {

  /**
   * The attestations the peers serve for {@code taskId}, unchecked. Completes normally: a peer that
   * does not answer, or answers 404, contributes nothing.
   */
  CompletableFuture<List<AttestationWire.Received>> fetch(BigInteger taskId);

  PeerAttestations NONE = taskId -> CompletableFuture.completedFuture(List.of());
}
