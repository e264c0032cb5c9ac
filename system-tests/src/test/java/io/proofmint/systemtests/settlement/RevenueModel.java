package io.proofmint.systemtests.settlement;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * ModelToken's revenue accounting redone in Java with the same integer rounding, so tests can say
 * to the base unit what each holder may claim: a magnified revenue-per-share accumulator and a
 * correction per account that every balance change moves (docs/contracts-token-staking.md).
 */
public final class RevenueModel {

  private final BigInteger magnitude;
  private final Map<String, BigInteger> balances = new HashMap<>();
  private final Map<String, BigInteger> corrections = new HashMap<>();
  private BigInteger supply = BigInteger.ZERO;
  private BigInteger perShare = BigInteger.ZERO;

  /** A token with no supply yet; {@code magnitude} is the token's {@code MAGNITUDE()}. */
  public RevenueModel(BigInteger magnitude) {
    this.magnitude = magnitude;
  }

  public void mint(String to, BigInteger amount) {
    supply = supply.add(amount);
    move(null, to, amount);
  }

  public void transfer(String from, String to, BigInteger amount) {
    move(from, to, amount);
  }

  /** Credits {@code toHolders} (the holders' part of a payment) pro rata to the supply. */
  public void distribute(BigInteger toHolders) {
    perShare = perShare.add(toHolders.multiply(magnitude).divide(supply));
  }

  public BigInteger claimable(String account) {
    return perShare
        .multiply(balance(account))
        .add(corrections.getOrDefault(key(account), BigInteger.ZERO))
        .divide(magnitude);
  }

  public void claimed(String account, BigInteger paid) {
    corrections.merge(key(account), paid.multiply(magnitude).negate(), BigInteger::add);
  }

  public BigInteger balance(String account) {
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
    return address.toLowerCase(Locale.ROOT);
  }
}
