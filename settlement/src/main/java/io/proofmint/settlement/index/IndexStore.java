package io.proofmint.settlement.index;

import io.proofmint.settlement.db.Schema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The indexer's tables: the cursor, the recent block hashes and the event rows. Every method runs
 * inside the caller's transaction, so rows and the cursor that covers them commit together.
 */
public final class IndexStore {

  /** Records which deployment this database indexes, or refuses one that indexes another. */
  public void claim(Connection c, IndexTarget target) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT chain_id, registry, router, escrow FROM index_meta WHERE id = 1")) {
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          IndexTarget found =
              new IndexTarget(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  target.startBlock());
          if (!found.equals(target)) {
            throw new SQLException(
                "settlement database indexes chain "
                    + found.chainId()
                    + " registry "
                    + found.registry()
                    + "; expected chain "
                    + target.chainId()
                    + " registry "
                    + target.registry()
                    + " (use another --db for another deployment)");
          }
          return;
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO index_meta (id, chain_id, registry, router, escrow, start_block)"
                + " VALUES (1, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, target.chainId());
      ps.setString(2, target.registry());
      ps.setString(3, target.router());
      ps.setString(4, target.escrow());
      ps.setLong(5, target.startBlock());
      ps.executeUpdate();
    }
  }

  /** The last indexed block, if any. */
  public Optional<BlockRef> cursor(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT k.block_number, k.block_hash, b.parent_hash, b.block_time"
                    + " FROM index_cursor k LEFT JOIN recent_blocks b"
                    + " ON b.block_number = k.block_number WHERE k.id = 1")) {
      if (!rs.next()) {
        return Optional.empty();
      }
      String parent = rs.getString(3);
      return Optional.of(
          new BlockRef(
              rs.getLong(1), rs.getString(2), parent == null ? "0x" : parent, rs.getLong(4)));
    }
  }

  /** The remembered recent blocks, newest first. */
  public List<BlockRef> recentBlocks(Connection c) throws SQLException {
    List<BlockRef> out = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT block_number, block_hash, parent_hash, block_time FROM recent_blocks"
                    + " ORDER BY block_number DESC")) {
      while (rs.next()) {
        out.add(new BlockRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
      }
    }
    return out;
  }

  /** Addresses of every model token registered so far. */
  public Set<String> modelTokens(Connection c) throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT token FROM models ORDER BY model_id")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /**
   * Replaces every row of blocks {@code from..to} with {@code events}, remembers {@code recent}
   * block hashes (keeping the newest {@code keep}), and moves the cursor to {@code cursor}.
   *
   * @return the number of rows written
   */
  public int apply(
      Connection c,
      long from,
      long to,
      List<IndexedEvent> events,
      List<BlockRef> recent,
      BlockRef cursor,
      int keep)
      throws SQLException {
    for (String table : Schema.CHAIN_TABLES) {
      try (PreparedStatement ps =
          c.prepareStatement(
              "DELETE FROM " + table + " WHERE block_number >= ? AND block_number <= ?")) {
        ps.setLong(1, from);
        ps.setLong(2, to);
        ps.executeUpdate();
      }
    }
    int rows = EventWriter.insert(c, events);
    rememberBlocks(c, recent, cursor.number() - keep);
    moveCursor(c, cursor);
    return rows;
  }

  /**
   * Deletes every row above {@code fork} and moves the cursor back to it.
   *
   * @return the number of event rows deleted
   */
  public int rollbackAbove(Connection c, BlockRef fork) throws SQLException {
    int deleted = 0;
    for (String table : Schema.CHAIN_TABLES) {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM " + table + " WHERE block_number > ?")) {
        ps.setLong(1, fork.number());
        deleted += ps.executeUpdate();
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM recent_blocks WHERE block_number > ?")) {
      ps.setLong(1, fork.number());
      ps.executeUpdate();
    }
    moveCursor(c, fork);
    return deleted;
  }

  /**
   * Forgets everything indexed (rows, cursor, remembered blocks); the voucher inbox and the
   * keeper's journal are not chain data and stay.
   */
  public void reset(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String table : Schema.CHAIN_TABLES) {
        s.executeUpdate("DELETE FROM " + table);
      }
      s.executeUpdate("DELETE FROM recent_blocks");
      s.executeUpdate("DELETE FROM index_cursor");
    }
  }

  /** Moves the cursor to {@code block} without touching rows: the next steps index again. */
  public void rewind(Connection c, BlockRef block) throws SQLException {
    rememberBlocks(c, List.of(block), Long.MIN_VALUE);
    moveCursor(c, block);
  }

  private static void rememberBlocks(Connection c, List<BlockRef> blocks, long forgetAtOrBelow)
      throws SQLException {
    try (PreparedStatement delete =
            c.prepareStatement("DELETE FROM recent_blocks WHERE block_number = ?");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO recent_blocks (block_number, block_hash, parent_hash, block_time)"
                    + " VALUES (?, ?, ?, ?)")) {
      for (BlockRef b : blocks) {
        delete.setLong(1, b.number());
        delete.addBatch();
        insert.setLong(1, b.number());
        insert.setString(2, b.hash());
        insert.setString(3, b.parentHash());
        insert.setLong(4, b.timestamp());
        insert.addBatch();
      }
      delete.executeBatch();
      insert.executeBatch();
    }
    if (forgetAtOrBelow != Long.MIN_VALUE) {
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM recent_blocks WHERE block_number <= ?")) {
        ps.setLong(1, forgetAtOrBelow);
        ps.executeUpdate();
      }
    }
  }

  private static void moveCursor(Connection c, BlockRef to) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE index_cursor SET block_number = ?, block_hash = ? WHERE id = 1")) {
      update.setLong(1, to.number());
      update.setString(2, to.hash());
      if (update.executeUpdate() == 1) {
        return;
      }
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO index_cursor (id, block_number, block_hash) VALUES (1, ?, ?)")) {
      insert.setLong(1, to.number());
      insert.setString(2, to.hash());
      insert.executeUpdate();
    }
  }
}
