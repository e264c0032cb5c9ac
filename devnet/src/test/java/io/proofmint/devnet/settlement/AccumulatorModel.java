package io.proofmint.devnet.settlement;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * ModelToken's revenue accounting redone with the same integer rounding: a magnified
 * revenue-per-share accumulator and a correction per account that every balance change moves
 * (docs/contracts-token-staking.md). Says to the base unit what each holder may claim.
 */
final class AccumulatorModel {

  private final BigInteger magnitude;
  private final Map<String, BigInteger> balances = new HashMap<>();
  private final Map<String, BigInteger> corrections = new HashMap<>();
  private BigInteger supply = BigInteger.ZERO;
  private BigInteger perShare = BigInteger.ZERO;

  AccumulatorModel(BigInteger magnitude) {
    this.magnitude = magnitude;
  }

  void mint(String to, BigInteger amount) {
    supply = supply.add(amount);
    move(null, to, amount);
  }

  void transfer(String from, String to, BigInteger amount) {
    move(from, to, amount);
  }

  void distribute(BigInteger toHolders) {
    perShare = perShare.add(toHolders.multiply(magnitude).divide(supply));
  }

  BigInteger claimable(String account) {
    return perShare
        .multiply(balance(account))
        .add(corrections.getOrDefault(key(account), BigInteger.ZERO))
        .divide(magnitude);
  }

  void claimed(String account, BigInteger paid) {
    corrections.merge(key(account), paid.multiply(magnitude).negate(), BigInteger::add);
  }

  BigInteger balance(String account) {
    return balances.getOrDefault(key(account), BigInteger.ZERO);
  }

  Set<String> holders() {
    return balances.keySet();
  }

  private void move(String from, String to, BigInteger amount) {
    BigInteger magnified = perShare.multiply(amount);
    if (from != null) {
      balances.merge(key(from), amount.negate(), BigInteger::add);
      corrections.merge(key(from), magnified, BigInteger::add);
    }
    balances.merge(key(to), amount, BigInteger::add);
    corrections.merge(key(to), magnified.negate(), BigInteger::add);
  }

  private static String key(String address) {
    return address.toLowerCase(java.util.Locale.ROOT);
  }
}
