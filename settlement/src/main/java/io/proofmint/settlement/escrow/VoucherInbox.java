package io.proofmint.settlement.escrow;

import static io.proofmint.settlement.db.Sql.amount;
import static io.proofmint.settlement.db.Sql.setAmount;

import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hex;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The latest accepted voucher of every channel, shared by every server of a model and read by the
 * keeper. A voucher replaces the stored one only if it raises the cumulative amount by at least the
 * price of a call; the replacement is one conditional UPDATE, so two servers racing with vouchers
 * of one channel cannot both win with the same amount.
 */
public final class VoucherInbox {

  /** The outcome of {@link #store}: stored, or refused because the inbox holds a higher amount. */
  public record StoreResult(boolean stored, BigInteger previous) {}

  /**
   * A stored voucher the index does not show as redeemed yet.
   *
   * @param indexedRedeemed the channel's redeemed total as of the last indexed redemption
   */
  public record Pending(SignedVoucher voucher, long receivedAt, BigInteger indexedRedeemed) {
    public ChannelKey channel() {
      return new ChannelKey(voucher.voucher().user(), voucher.voucher().modelToken());
    }
  }

  /** The cumulative amount of the channel's stored voucher, if any. */
  public Optional<BigInteger> latest(Connection c, ChannelKey key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT cumulative FROM voucher_inbox WHERE user_addr = ? AND token = ?")) {
      ps.setString(1, key.user().toHex());
      ps.setString(2, key.modelToken().toHex());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(amount(rs, "cumulative")) : Optional.empty();
      }
    }
  }

  /**
   * Stores {@code signed} if the channel has no voucher yet or its stored amount is at most {@code
   * signed.cumulative - minIncrease}.
   *
   * @throws SQLException also when another writer inserted the channel's first voucher at the same
   *     moment (an integrity-constraint violation, SQLState class 23)
   */
  public StoreResult store(
      Connection c, SignedVoucher signed, BigInteger minIncrease, long receivedAtMillis)
      throws SQLException {
    Voucher v = signed.voucher();
    BigInteger ceiling = v.cumulativeAmount().subtract(minIncrease);
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE voucher_inbox SET cumulative = ?, expiry = ?, signature = ?, received_at = ?"
                + " WHERE user_addr = ? AND token = ? AND cumulative <= ?")) {
      setAmount(ps, 1, v.cumulativeAmount());
      setAmount(ps, 2, v.expiry());
      ps.setString(3, signed.signatureHex());
      ps.setLong(4, receivedAtMillis);
      ps.setString(5, v.user().toHex());
      ps.setString(6, v.modelToken().toHex());
      setAmount(ps, 7, ceiling);
      if (ps.executeUpdate() == 1) {
        return new StoreResult(true, null);
      }
    }
    Optional<BigInteger> previous = latest(c, new ChannelKey(v.user(), v.modelToken()));
    if (previous.isPresent()) {
      return new StoreResult(false, previous.get());
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO voucher_inbox (user_addr, token, cumulative, expiry, signature,"
                + " received_at) VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, v.user().toHex());
      ps.setString(2, v.modelToken().toHex());
      setAmount(ps, 3, v.cumulativeAmount());
      setAmount(ps, 4, v.expiry());
      ps.setString(5, signed.signatureHex());
      ps.setLong(6, receivedAtMillis);
      ps.executeUpdate();
    }
    return new StoreResult(true, null);
  }

  /**
   * Stored vouchers above the channel's last indexed redemption, oldest first. The index may lag:
   * the keeper checks each against the chain before redeeming it.
   */
  public List<Pending> unredeemed(Connection c, int limit) throws SQLException {
    List<Pending> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT i.user_addr, i.token, i.cumulative, i.expiry, i.signature, i.received_at,"
                + " (SELECT MAX(r.redeemed) FROM voucher_redemptions r"
                + " WHERE r.user_addr = i.user_addr AND r.token = i.token) AS redeemed"
                + " FROM voucher_inbox i"
                + " WHERE i.cumulative > COALESCE((SELECT MAX(r.redeemed) FROM"
                + " voucher_redemptions r WHERE r.user_addr = i.user_addr AND r.token = i.token),"
                + " 0) ORDER BY i.received_at, i.user_addr, i.token FETCH FIRST "
                + Math.max(1, limit)
                + " ROWS ONLY")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Voucher v =
              new Voucher(
                  Address.fromHex(rs.getString("user_addr")),
                  Address.fromHex(rs.getString("token")),
                  amount(rs, "cumulative"),
                  amount(rs, "expiry"));
          BigInteger redeemed = amount(rs, "redeemed");
          out.add(
              new Pending(
                  new SignedVoucher(v, Hex.decode(rs.getString("signature"))),
                  rs.getLong("received_at"),
                  redeemed == null ? BigInteger.ZERO : redeemed));
        }
      }
    }
    return out;
  }
}
