package io.proofmint.settlement.index;

import static io.proofmint.settlement.db.Sql.setAmount;

import io.proofmint.settlement.index.IndexedEvent.Deposited;
import io.proofmint.settlement.index.IndexedEvent.ModelRegistered;
import io.proofmint.settlement.index.IndexedEvent.RevenueClaimed;
import io.proofmint.settlement.index.IndexedEvent.RevenuePaid;
import io.proofmint.settlement.index.IndexedEvent.TaskEvent;
import io.proofmint.settlement.index.IndexedEvent.TokenTransfer;
import io.proofmint.settlement.index.IndexedEvent.VoucherRedeemed;
import io.proofmint.settlement.index.IndexedEvent.VoucherSkipped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Writes decoded events as rows, one batched INSERT per table. */
final class EventWriter {

  private static final String INSERT_MODEL =
      "INSERT INTO models (block_number, log_index, tx_hash, model_id, token, owner_addr, symbol)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_TASK_EVENT =
      "INSERT INTO task_events (block_number, log_index, tx_hash, block_time, task_id, kind,"
          + " model_id, account, amount, deadline, verdict, overturned, signers)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_TRANSFER =
      "INSERT INTO token_transfers (block_number, log_index, tx_hash, token, from_addr, to_addr,"
          + " amount) VALUES (?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_CLAIM =
      "INSERT INTO revenue_claims (block_number, log_index, tx_hash, token, account, amount)"
          + " VALUES (?, ?, ?, ?, ?, ?)";
  private static final String INSERT_PAYMENT =
      "INSERT INTO revenue_payments (block_number, log_index, tx_hash, token, payer, amount,"
          + " to_holders, to_verifiers, to_treasury) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_DEPOSIT =
      "INSERT INTO escrow_deposits (block_number, log_index, tx_hash, user_addr, token, payer,"
          + " amount, balance) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_REDEMPTION =
      "INSERT INTO voucher_redemptions (block_number, log_index, tx_hash, user_addr, token,"
          + " cumulative, paid, redeemed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_SKIP =
      "INSERT INTO voucher_skips (block_number, log_index, tx_hash, user_addr, token, cumulative,"
          + " reason) VALUES (?, ?, ?, ?, ?, ?, ?)";

  private EventWriter() {}

  static int insert(Connection c, List<IndexedEvent> events) throws SQLException {
    Map<String, PreparedStatement> statements = new HashMap<>();
    Map<java.math.BigInteger, Long> windowEnds = new HashMap<>();
    try {
      for (IndexedEvent event : events) {
        switch (event) {
          case ModelRegistered e -> {
            PreparedStatement ps = prepared(c, statements, INSERT_MODEL, e.at());
            setAmount(ps, 4, e.modelId());
            ps.setString(5, e.token());
            ps.setString(6, e.owner());
            ps.setString(7, truncate(e.symbol(), 64));
            ps.addBatch();
          }
          case TaskEvent e -> {
            Long deadline = e.deadline();
            if (e.kind() == TaskEventKind.ATTESTED) {
              windowEnds.put(e.taskId(), deadline);
            } else if (e.kind() == TaskEventKind.RESOLVED && deadline == null) {
              deadline =
                  windowEnds.containsKey(e.taskId())
                      ? windowEnds.get(e.taskId())
                      : attestedWindowEnd(c, e.taskId());
            }
            PreparedStatement ps = prepared(c, statements, INSERT_TASK_EVENT, e.at());
            ps.setLong(4, e.blockTime());
            setAmount(ps, 5, e.taskId());
            ps.setString(6, e.kind().name());
            setAmount(ps, 7, e.modelId());
            ps.setString(8, e.account());
            setAmount(ps, 9, e.amount());
            setNullableLong(ps, 10, deadline);
            if (e.verdict() == null) {
              ps.setNull(11, Types.INTEGER);
            } else {
              ps.setInt(11, e.verdict());
            }
            if (e.overturned() == null) {
              ps.setNull(12, Types.BOOLEAN);
            } else {
              ps.setBoolean(12, e.overturned());
            }
            ps.setString(13, e.signers().isEmpty() ? null : String.join(",", e.signers()));
            ps.addBatch();
          }
          case TokenTransfer e -> {
            PreparedStatement ps = prepared(c, statements, INSERT_TRANSFER, e.at());
            ps.setString(4, e.token());
            ps.setString(5, e.from());
            ps.setString(6, e.to());
            setAmount(ps, 7, e.amount());
            ps.addBatch();
          }
          case RevenueClaimed e -> {
            PreparedStatement ps = prepared(c, statements, INSERT_CLAIM, e.at());
            ps.setString(4, e.token());
            ps.setString(5, e.account());
            setAmount(ps, 6, e.amount());
            ps.addBatch();
          }
          case RevenuePaid e -> {
            PreparedStatement ps = prepared(c, statements, INSERT_PAYMENT, e.at());
            ps.setString(4, e.token());
            ps.setString(5, e.payer());
            setAmount(ps, 6, e.amount());
            setAmount(ps, 7, e.toHolders());
            setAmount(ps, 8, e.toVerifiers());
            setAmount(ps, 9, e.toTreasury());
            ps.addBatch();
          }
          case Deposited e -> {
            PreparedStatement ps = prepared(c, statements, INSERT_DEPOSIT, e.at());
            ps.setString(4, e.user());
            ps.setString(5, e.token());
            ps.setString(6, e.payer());
            setAmount(ps, 7, e.amount());
            setAmount(ps, 8, e.balance());
            ps.addBatch();
          }
          case VoucherRedeemed e -> {
            PreparedStatement ps = prepared(c, statements, INSERT_REDEMPTION, e.at());
            ps.setString(4, e.user());
            ps.setString(5, e.token());
            setAmount(ps, 6, e.cumulative());
            setAmount(ps, 7, e.paid());
            setAmount(ps, 8, e.redeemed());
            ps.addBatch();
          }
          case VoucherSkipped e -> {
            PreparedStatement ps = prepared(c, statements, INSERT_SKIP, e.at());
            ps.setString(4, e.user());
            ps.setString(5, e.token());
            setAmount(ps, 6, e.cumulative());
            ps.setInt(7, e.reason());
            ps.addBatch();
          }
        }
      }
      for (PreparedStatement ps : statements.values()) {
        ps.executeBatch();
      }
    } finally {
      for (PreparedStatement ps : statements.values()) {
        ps.close();
      }
    }
    return events.size();
  }

  private static PreparedStatement prepared(
      Connection c, Map<String, PreparedStatement> statements, String sql, LogPosition at)
      throws SQLException {
    PreparedStatement ps = statements.get(sql);
    if (ps == null) {
      ps = c.prepareStatement(sql);
      statements.put(sql, ps);
    }
    ps.setLong(1, at.block());
    ps.setInt(2, at.logIndex());
    ps.setString(3, at.txHash());
    return ps;
  }

  private static Long attestedWindowEnd(Connection c, java.math.BigInteger taskId)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT deadline FROM task_events WHERE task_id = ? AND kind = 'ATTESTED'"
                + " ORDER BY block_number DESC, log_index DESC FETCH FIRST 1 ROWS ONLY")) {
      setAmount(ps, 1, taskId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private static void setNullableLong(PreparedStatement ps, int index, Long value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, value);
    }
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
