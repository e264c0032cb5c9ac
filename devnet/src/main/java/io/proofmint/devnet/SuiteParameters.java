package io.proofmint.devnet;

import java.math.BigInteger;

/**
 * Constructor parameters of the contract suite. The contracts check every bound again; this record
 * only refuses what is obviously wrong before any transaction is sent.
 *
 * @param treasury receives slashes' non-prover part and the treasury share of revenue
 * @param verifierPool receives the verifier share of revenue
 * @param minTrainerStake minimum stake of an active trainer (stake-token units)
 * @param minVerifierStake minimum stake of an active verifier
 * @param unbondingDelaySeconds stake stays slashable this long after an unbond request
 * @param proverShareBps share of a slash paid to whoever proved the fault
 * @param holdersBps share of revenue credited to the model's token holders
 * @param verifiersBps share of revenue paid to the verifier pool
 * @param treasuryBps share of revenue paid to the treasury
 * @param verifierSlashAmount what each verifier of an overturned attestation loses
 * @param withdrawDelaySeconds how long a usage-escrow withdrawal waits, so vouchers can be redeemed
 */
public record SuiteParameters(
    String treasury,
    String verifierPool,
    BigInteger minTrainerStake,
    BigInteger minVerifierStake,
    long unbondingDelaySeconds,
    int proverShareBps,
    int holdersBps,
    int verifiersBps,
    int treasuryBps,
    BigInteger verifierSlashAmount,
    long withdrawDelaySeconds) {

  private static final BigInteger ONE_TOKEN = BigInteger.TEN.pow(18);

  public SuiteParameters {
    if (holdersBps + verifiersBps + treasuryBps != 10_000) {
      throw new IllegalArgumentException(
          "revenue shares: expected holders + verifiers + treasury = 10000 bps, got "
              + (holdersBps + verifiersBps + treasuryBps));
    }
  }

  /**
   * Devnet defaults: 100 stake tokens for a trainer, 50 for a verifier, a 7-day unbonding delay,
   * half of each slash to the prover, revenue 80% holders / 10% verifiers / 10% treasury,
   * usage-escrow withdrawals after a day.
   */
  public static SuiteParameters devnetDefaults(String treasury, String verifierPool) {
    return new SuiteParameters(
        treasury,
        verifierPool,
        ONE_TOKEN.multiply(BigInteger.valueOf(100)),
        ONE_TOKEN.multiply(BigInteger.valueOf(50)),
        7 * 24 * 3600L,
        5_000,
        8_000,
        1_000,
        1_000,
        ONE_TOKEN.multiply(BigInteger.valueOf(20)),
        24 * 3600L);
  }
}
