package io.proofmint.worker.role;

import io.proofmint.wrappers.registry.StakeRole;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.math.BigInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tops up an account's stake so that it is active in its role with enough free stake for a bond.
 */
public final class Staking {

  private static final Logger LOG = LoggerFactory.getLogger(Staking.class);

  private Staking() {}

  /**
   * Stakes what is missing for {@code role} plus {@code freeNeeded} of unlocked stake, from the
   * account's stake-token balance; does nothing when the stake already suffices.
   *
   * @return the amount staked now (zero when nothing was needed)
   */
  public static BigInteger ensure(Suite suite, StakeRole role, BigInteger freeNeeded)
      throws Exception {
    String me = suite.account().getAddress();
    var stakeManager = suite.stakeManager();
    BigInteger min = stakeManager.minStake(role.chainCode()).send();
    var stake = stakeManager.stakeOf(me).send(); // (role, jailed, staked, locked, unbonding, at)
    BigInteger staked = stake.component3();
    if (Boolean.TRUE.equals(stake.component2())) {
      throw new IllegalStateException(
          me + " is jailed in the stake manager (slashed before) and cannot take part any more");
    }
    BigInteger free = stakeManager.freeStake(me).send();
    BigInteger missing = min.subtract(staked).max(freeNeeded.subtract(free)).max(BigInteger.ZERO);
    if (missing.signum() == 0) {
      return BigInteger.ZERO;
    }
    BigInteger balance = suite.stakeToken().balanceOf(me).send();
    if (balance.compareTo(missing) < 0) {
      throw new IllegalStateException(
          me
              + " needs "
              + missing
              + " more stake tokens staked for this role, but holds only "
              + balance);
    }
    LOG.info(
        "staking {} for role {} (minimum {}, free stake needed {})",
        missing,
        role.code(),
        min,
        freeNeeded);
    suite.stakeToken().approve(suite.address(SuiteRoles.STAKE_MANAGER), missing).send();
    stakeManager.stake(role.chainCode(), missing).send();
    return missing;
  }
}
