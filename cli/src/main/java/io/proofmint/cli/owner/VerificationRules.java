package io.proofmint.cli.owner;

import io.proofmint.worker.engine.VerificationMode;
import io.proofmint.wrappers.generated.TrainingRegistry;
import java.math.BigInteger;
import java.time.Duration;

/**
 * A model's verification rules as the registry holds them (docs/contracts.md, "Rules"), in the
 * units people write: seconds as durations, bonds in stake-token base units.
 */
public record VerificationRules(
    long segmentLength,
    int samples,
    int quorum,
    int disputeQuorum,
    VerificationMode mode,
    long toleranceMicros,
    Duration challengeWindow,
    Duration verifyTimeout,
    BigInteger trainerBond,
    BigInteger disputeBond) {

  /**
   * Checks what the registry checks and can be checked off-chain (the challenge window's upper
   * bound depends on the stake manager and is left to the chain).
   */
  public VerificationRules {
    require(segmentLength >= 1, "segment length k: expected >= 1, got " + segmentLength);
    require(samples >= 1 && samples <= 64, "samples q: expected 1..64, got " + samples);
    require(quorum >= 1 && quorum <= 16, "quorum m: expected 1..16, got " + quorum);
    require(
        disputeQuorum > quorum && disputeQuorum <= 32,
        "dispute quorum: expected "
            + (quorum + 1)
            + "..32 (more than the quorum), got "
            + disputeQuorum);
    require(
        mode == VerificationMode.EXACT
            ? toleranceMicros == 0
            : toleranceMicros >= 1 && toleranceMicros <= 1_000_000,
        mode == VerificationMode.EXACT
            ? "tolerance: an exact-mode model has tolerance 0, got " + toleranceMicros
            : "tolerance: expected 1..1000000 millionths, got " + toleranceMicros);
    require(
        challengeWindow.toSeconds() >= 60,
        "challenge window: expected at least 1m, got " + challengeWindow.toSeconds() + "s");
    require(
        verifyTimeout.toSeconds() >= 60 && verifyTimeout.compareTo(Duration.ofDays(30)) <= 0,
        "verify timeout: expected 1m..30d, got " + verifyTimeout.toSeconds() + "s");
    require(trainerBond.signum() > 0, "trainer bond: expected > 0, got " + trainerBond);
    require(disputeBond.signum() > 0, "dispute bond: expected > 0, got " + disputeBond);
  }

  /** The rules as the registerModel call takes them. */
  public TrainingRegistry.Rules toChain() {
    return new TrainingRegistry.Rules(
        BigInteger.valueOf(segmentLength),
        BigInteger.valueOf(samples),
        BigInteger.valueOf(quorum),
        BigInteger.valueOf(disputeQuorum),
        BigInteger.valueOf(mode == VerificationMode.EXACT ? 0 : 1),
        BigInteger.valueOf(toleranceMicros),
        BigInteger.valueOf(challengeWindow.toSeconds()),
        BigInteger.valueOf(verifyTimeout.toSeconds()),
        trainerBond,
        disputeBond);
  }

  /** The rules a model was registered with. */
  public static VerificationRules fromChain(TrainingRegistry.Rules r) {
    return new VerificationRules(
        r.segmentLength.longValueExact(),
        r.samples.intValueExact(),
        r.quorum.intValueExact(),
        r.disputeQuorum.intValueExact(),
        r.mode.signum() == 0 ? VerificationMode.EXACT : VerificationMode.TOLERANT,
        r.toleranceMicros.longValueExact(),
        Duration.ofSeconds(r.challengeWindow.longValueExact()),
        Duration.ofSeconds(r.verifyTimeout.longValueExact()),
        r.trainerBond,
        r.disputeBond);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
