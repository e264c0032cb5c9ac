package io.proofmint.settlement.keeper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The keeper's record of its own transactions. An intent is committed before its transaction is
 * broadcast, so after a crash the keeper knows every transaction it may have sent and checks each
 * against the chain before it acts on the same subjects again.
 */
public final class IntentJournal {

  /**
   * Records {@code intent} as PREPARED. Signing is deterministic, so a transaction dropped earlier
   * and decided again with the same nonce and fees has the same hash: its intent is revived.
   */
  public void record(Connection c, Intent intent) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE keeper_intents SET state = 'PREPARED', updated_at = ? WHERE tx_hash = ?"
                + " AND state = 'DROPPED'")) {
      ps.setLong(1, intent.createdAtMillis());
      ps.setString(2, intent.txHash());
      if (ps.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO keeper_intents (tx_hash, kind, sender, nonce, state, created_at,"
                + " updated_at, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, intent.txHash());
      ps.setString(2, intent.kind().name());
      ps.setString(3, intent.sender());
      ps.setLong(4, intent.nonce());
      ps.setString(5, intent.state().name());
      ps.setLong(6, intent.createdAtMillis());
      ps.setLong(7, intent.createdAtMillis());
      ps.setString(8, truncate(intent.detail()));
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO keeper_intent_subjects (tx_hash, subject) VALUES (?, ?)")) {
      for (String subject : new HashSet<>(intent.subjects())) {
        ps.setString(1, intent.txHash());
        ps.setString(2, subject);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Moves an intent to a final state; a no-op if it already is in one. */
  public void settle(
      Connection c, String txHash, IntentState state, Long gasUsed, long nowMillis, String why)
      throws SQLException {
    if (!state.isFinal()) {
      throw new IllegalArgumentException("settle: expected a final state, got " + state);
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE keeper_intents SET state = ?, gas_used = ?, updated_at = ?,"
                + " detail = COALESCE(?, detail) WHERE tx_hash = ? AND state = 'PREPARED'")) {
      ps.setString(1, state.name());
      if (gasUsed == null) {
        ps.setNull(2, Types.BIGINT);
      } else {
        ps.setLong(2, gasUsed);
      }
      ps.setLong(3, nowMillis);
      ps.setString(4, why == null ? null : truncate(why));
      ps.setString(5, txHash);
      ps.executeUpdate();
    }
  }

  /** Intents still PREPARED, oldest first. */
  public List<Intent> unresolved(Connection c) throws SQLException {
    return query(c, "WHERE i.state = 'PREPARED'");
  }

  /** Every intent, oldest first (for tests and audits). */
  public List<Intent> all(Connection c) throws SQLException {
    return query(c, "");
  }

  /** Subjects of unresolved intents: nothing more is sent for them yet. */
  public Set<String> blockedSubjects(Connection c) throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT s.subject FROM keeper_intent_subjects s JOIN keeper_intents i"
                    + " ON i.tx_hash = s.tx_hash WHERE i.state = 'PREPARED'");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static List<Intent> query(Connection c, String where) throws SQLException {
    Map<String, Intent> byHash = new LinkedHashMap<>();
    Map<String, List<String>> subjects = new LinkedHashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT i.tx_hash, i.kind, i.sender, i.nonce, i.state, i.created_at, i.detail,"
                    + " s.subject FROM keeper_intents i LEFT JOIN keeper_intent_subjects s"
                    + " ON s.tx_hash = i.tx_hash "
                    + where
                    + " ORDER BY i.created_at, i.nonce, i.tx_hash");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String hash = rs.getString("tx_hash");
        if (!byHash.containsKey(hash)) {
          byHash.put(
              hash,
              new Intent(
                  hash,
                  IntentKind.valueOf(rs.getString("kind")),
                  rs.getString("sender"),
                  rs.getLong("nonce"),
                  IntentState.valueOf(rs.getString("state")),
                  rs.getLong("created_at"),
                  List.of(),
                  rs.getString("detail")));
        }
        String subject = rs.getString("subject");
        List<String> list = subjects.computeIfAbsent(hash, h -> new ArrayList<>());
        if (subject != null) {
          list.add(subject);
        }
      }
    }
    List<Intent> out = new ArrayList<>(byHash.size());
    for (Intent i : byHash.values()) {
      out.add(
          new Intent(
              i.txHash(),
              i.kind(),
              i.sender(),
              i.nonce(),
              i.state(),
              i.createdAtMillis(),
              subjects.getOrDefault(i.txHash(), List.of()),
              i.detail()));
    }
    return out;
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
  }
}
