package io.proofmint.cli.stake;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StakeRulesTest {

  private static final BigInteger E18 = BigInteger.TEN.pow(18);
  private static final Instant NOW = Instant.parse("2026-12-08T00:00:00Z");
  private static final String ME = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

  private static BigInteger tokens(long n) {
    return E18.multiply(BigInteger.valueOf(n));
  }

  /**
   * A verifier with 60 staked (10 locked), 100 in the wallet, 5 unbonding until {@code release}.
   */
  private static StakeView view(Optional<StakeRole> role, BigInteger unbonding, Instant release) {
    return new StakeView(
        ME,
        31337,
        "0x00000000000000000000000000000000000000a1",
        "0x00000000000000000000000000000000000000a2",
        "pSTAKE",
        18,
        Duration.ofDays(7),
        tokens(100),
        tokens(50),
        role,
        false,
        tokens(60),
        tokens(10),
        unbonding,
        unbonding.signum() > 0 ? Optional.of(release) : Optional.empty(),
        tokens(100),
        BigInteger.ZERO,
        E18,
        NOW);
  }

  private static StakeView verifier() {
    return view(Optional.of(StakeRole.VERIFIER), BigInteger.ZERO, NOW);
  }

  @Test
  void add_aboveTheBalance_isRefusedNamingBalanceAndExpected() {
    assertThat(
            StakeRules.refuseAdd(verifier(), StakeRole.VERIFIER, tokens(100).add(BigInteger.ONE)))
        .get()
        .asString()
        .contains("holds 100 pSTAKE", "expected at least 100.000000000000000001 pSTAKE");
    assertThat(StakeRules.refuseAdd(verifier(), StakeRole.VERIFIER, tokens(100))).isEmpty();
  }

  @Test
  void add_inTheOtherRole_isRefused_butAFirstStakeMayChooseEither() {
    assertThat(StakeRules.refuseAdd(verifier(), StakeRole.TRAINER, tokens(1)))
        .get()
        .asString()
        .contains("stakes as verifier", "fixed by its first stake", "not as trainer");
    StakeView fresh = view(Optional.empty(), BigInteger.ZERO, NOW);
    assertThat(StakeRules.refuseAdd(fresh, StakeRole.TRAINER, tokens(1))).isEmpty();
  }

  @Test
  void unbond_isBoundByTheFreeStake_notTheStakedAmount() {
    assertThat(StakeRules.refuseUnbond(verifier(), tokens(51), false))
        .get()
        .asString()
        .contains(
            "has 50 pSTAKE of free stake", "locked as task bonds 10 pSTAKE", "expected at most");
    assertThat(StakeRules.refuseUnbond(verifier(), tokens(50), false)).isEmpty();
  }

  @Test
  void unbond_whileStakeIsUnbonding_needsRestartDelay() {
    StakeView v = view(Optional.of(StakeRole.VERIFIER), tokens(5), NOW.plusSeconds(60));
    assertThat(StakeRules.refuseUnbond(v, tokens(1), false))
        .get()
        .asString()
        .contains("already has 5 pSTAKE unbonding", "2026-12-08T00:01:00Z", "--restart-delay");
    assertThat(StakeRules.refuseUnbond(v, tokens(1), true)).isEmpty();
  }

  @Test
  void withdraw_beforeTheReleaseTime_saysExactlyWhen_andAtItIsAllowed() {
    Instant release = NOW.plus(Duration.ofDays(6)).plusSeconds(3 * 3600 + 120);
    StakeView early = view(Optional.of(StakeRole.VERIFIER), tokens(5), release);
    assertThat(StakeRules.refuseWithdraw(early))
        .get()
        .asString()
        .contains(
            "becomes withdrawable at 2026-12-14T03:02:00Z",
            "in 6 d 3 h 2 m of chain time",
            "latest block is at 2026-12-08T00:00:00Z");
    StakeView due = view(Optional.of(StakeRole.VERIFIER), tokens(5), NOW);
    assertThat(StakeRules.refuseWithdraw(due)).isEmpty();
  }
}
