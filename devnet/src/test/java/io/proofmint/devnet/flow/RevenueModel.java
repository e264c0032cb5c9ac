package io.proofmint.devnet.flow;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * The model token's revenue accounting redone in Java with the same integer rounding, so tests can
 * say exactly what each holder may claim: a magnified revenue-per-share accumulator and a
 * correction per account that moves with every balance change.
 */
final class RevenueModel {

  private final BigInteger magnitude;
  private final Map<String, BigInteger> balances = new HashMap<>();
  private final Map<String, BigInteger> corrections = new HashMap<>();
  private BigInteger supply = BigInteger.ZERO;
  private BigInteger perShare = BigInteger.ZERO;

  RevenueModel(BigInteger magnitude) {
    this.magnitude = magnitude;
  }

  void mint(String to, BigInteger amount) {
    supply = supply.add(amount);
    move(null, to, amount);
  }

  void transfer(String from, String to, BigInteger amount) {
    move(from, to, amount);
  }

  void distribute(BigInteger amount) {
    perShare = perShare.add(amount.multiply(magnitude).divide(supply));
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
