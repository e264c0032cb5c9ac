package io.proofmint.verifier.daemon;

import io.proofmint.verifier.replay.ReplayPolicy;
import java.math.BigInteger;

/** A model's on-chain verification rules (docs/contracts.md, "Rules"). */
public record ModelRules(
    int segmentLength,
    int samples,
    int quorum,
    int disputeQuorum,
    int mode,
    long toleranceMicros,
    long challengeWindow,
    long verifyTimeout,
    BigInteger trainerBond,
    BigInteger disputeBond) {

  public ReplayPolicy policy() {
    return ReplayPolicy.fromRules(mode, toleranceMicros);
  }
}
