package io.proofmint.cli.stake;

import io.proofmint.cli.Amounts;
import io.proofmint.cli.TimeSpans;
import io.proofmint.wrappers.suite.Suite;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * One account's stake as the chain shows it at one block, with the stake manager's terms and the
 * account's stake-token balance and allowance. Amounts are in base units; {@link #amount} shows
 * them in token units.
 *
 * @param releaseAt when {@code unbonding} becomes withdrawable; empty when nothing is unbonding
 * @param chainTime the timestamp of the latest block, the clock the contract's checks use
 */
record StakeView(
    String account,
    long chainId,
    String stakeManager,
    String token,
    String symbol,
    int decimals,
    Duration unbondingDelay,
    BigInteger minTrainerStake,
    BigInteger minVerifierStake,
    Optional<StakeRole> role,
    boolean jailed,
    BigInteger staked,
    BigInteger locked,
    BigInteger unbonding,
    Optional<Instant> releaseAt,
    BigInteger balance,
    BigInteger allowance,
    BigInteger gasBalance,
    Instant chainTime) {

  /** Reads the view of {@code account} from the suite's chain. */
  static StakeView read(Suite suite, String account) throws Exception {
    var manager = suite.stakeManager();
    var token = suite.stakeToken();
    var web3j = suite.chain().web3j();
    var s = manager.stakeOf(account).send(); // (role, jailed, staked, locked, unbonding, releaseAt)
    BigInteger unbonding = s.component5();
    BigInteger releaseAt = s.component6();
    var block = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send();
    if (block.getBlock() == null) {
      throw new IOException("RPC " + suite.chain().rpcUrl() + " returned no latest block");
    }
    String managerAddress = suite.address(SuiteRoles.STAKE_MANAGER);
    return new StakeView(
        account,
        suite.chain().chainId(),
        managerAddress,
        token.getContractAddress(),
        token.symbol().send(),
        token.decimals().send().intValueExact(),
        Duration.ofSeconds(manager.unbondingDelay().send().longValueExact()),
        manager.minStake(BigInteger.valueOf(StakeRole.TRAINER.id())).send(),
        manager.minStake(BigInteger.valueOf(StakeRole.VERIFIER.id())).send(),
        StakeRole.ofId(s.component1().intValueExact()),
        Boolean.TRUE.equals(s.component2()),
        s.component3(),
        s.component4(),
        unbonding,
        unbonding.signum() > 0
            ? Optional.of(Instant.ofEpochSecond(releaseAt.longValueExact()))
            : Optional.empty(),
        token.balanceOf(account).send(),
        token.allowance(account, managerAddress).send(),
        web3j.ethGetBalance(account, DefaultBlockParameterName.LATEST).send().getBalance(),
        Instant.ofEpochSecond(block.getBlock().getTimestamp().longValueExact()));
  }

  /** Staked and not locked as a task bond: what `unbond` may move. */
  BigInteger free() {
    return staked.subtract(locked);
  }

  /** The minimum stake of {@code r} to be active. */
  BigInteger minStake(StakeRole r) {
    return r == StakeRole.TRAINER ? minTrainerStake : minVerifierStake;
  }

  /** Active in its role: staked at least the minimum and not jailed (`isActive`). */
  boolean active() {
    return role.isPresent() && !jailed && staked.compareTo(minStake(role.get())) >= 0;
  }

  /** Whether `withdraw` would pay now: something is unbonding and its release time has come. */
  boolean withdrawableNow() {
    return releaseAt.isPresent() && !chainTime.isBefore(releaseAt.get());
  }

  /** {@code baseUnits} in token units with the symbol: "12.5 PMS". */
  String amount(BigInteger baseUnits) {
    return Amounts.format(baseUnits, decimals) + " " + symbol;
  }

  /** "6 d 23 h 59 m" (seconds shown only under a minute). */
  static String span(Duration d) {
    return TimeSpans.format(d);
  }
}
