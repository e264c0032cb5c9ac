package io.proofmint.cli.stake;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;

/**
 * What the stake manager would refuse, checked on a {@link StakeView} before anything is signed:
 * each method returns the refusal (what, and what was expected) or empty when the transaction may
 * be sent. The contract checks the same again; these checks only spare a reverted transaction and
 * its gas, and say why in words.
 */
final class StakeRules {

  private StakeRules() {}

  /** `stake add`: role fixed by the first stake, not jailed, enough tokens and gas. */
  static Optional<String> refuseAdd(StakeView v, StakeRole role, BigInteger amount) {
    if (v.jailed()) {
      return Optional.of(
          "account " + v.account() + " is jailed (it was slashed) and can never stake again");
    }
    if (v.role().isPresent() && v.role().get() != role) {
      return Optional.of(
          "account "
              + v.account()
              + " stakes as "
              + v.role().get()
              + " (an account's role is fixed by its first stake), not as "
              + role
              + "; use another account for the "
              + role
              + " role");
    }
    if (amount.signum() <= 0) {
      return Optional.of("stake add: expected an amount above 0, got " + v.amount(amount));
    }
    if (v.balance().compareTo(amount) < 0) {
      return Optional.of(
          "stake add "
              + v.amount(amount)
              + ": account "
              + v.account()
              + " holds "
              + v.amount(v.balance())
              + " of stake token "
              + v.token()
              + ", expected at least "
              + v.amount(amount));
    }
    return refuseWithoutGas(v);
  }

  /**
   * `stake unbond`: at most the free stake, and no silent delay of stake already unbonding (a new
   * request restarts the delay of all of it) unless {@code restartDelay}.
   */
  static Optional<String> refuseUnbond(StakeView v, BigInteger amount, boolean restartDelay) {
    if (amount.signum() <= 0) {
      return Optional.of(
          "stake unbond: account "
              + v.account()
              + " has no free stake to unbond (staked "
              + v.amount(v.staked())
              + ", locked as task bonds "
              + v.amount(v.locked())
              + ")");
    }
    if (amount.compareTo(v.free()) > 0) {
      return Optional.of(
          "stake unbond "
              + v.amount(amount)
              + ": account "
              + v.account()
              + " has "
              + v.amount(v.free())
              + " of free stake (staked "
              + v.amount(v.staked())
              + ", locked as task bonds "
              + v.amount(v.locked())
              + "), expected at most that");
    }
    if (v.unbonding().signum() > 0 && !restartDelay) {
      return Optional.of(
          "stake unbond: account "
              + v.account()
              + " already has "
              + v.amount(v.unbonding())
              + " unbonding, withdrawable at "
              + v.releaseAt().orElseThrow()
              + "; a new request would move that to "
              + v.chainTime().plus(v.unbondingDelay())
              + " or later. Withdraw first (`proofmint stake withdraw`), or pass --restart-delay");
    }
    return refuseWithoutGas(v);
  }

  /** `stake withdraw` with something unbonding: only once its release time has come. */
  static Optional<String> refuseWithdraw(StakeView v) {
    if (v.releaseAt().isEmpty()) {
      throw new IllegalStateException("refuseWithdraw: nothing is unbonding");
    }
    if (!v.withdrawableNow()) {
      return Optional.of(
          "stake withdraw: "
              + v.amount(v.unbonding())
              + " of account "
              + v.account()
              + " becomes withdrawable at "
              + v.releaseAt().get()
              + ", in "
              + StakeView.span(Duration.between(v.chainTime(), v.releaseAt().get()))
              + " of chain time (the latest block is at "
              + v.chainTime()
              + ")");
    }
    return refuseWithoutGas(v);
  }

  private static Optional<String> refuseWithoutGas(StakeView v) {
    if (v.gasBalance().signum() == 0) {
      return Optional.of(
          "account "
              + v.account()
              + " holds no ether to pay gas on chain "
              + v.chainId()
              + "; send it some first");
    }
    return Optional.empty();
  }
}
