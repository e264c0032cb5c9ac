package io.proofmint.settlement.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables, in standard SQL that H2 and PostgreSQL both accept. Tables filled from chain logs
 * carry the log's position ({@code block_number}, {@code log_index}) as their key, so re-indexing a
 * block range replaces rows instead of adding them, and a reorg deletes exactly the rows above the
 * fork. {@code voucher_inbox} and the keeper's intents are not chain data and survive a rollback.
 */
public final class Schema {

  public static final int VERSION = 1;

  /** Tables whose rows come from chain logs, each keyed by (block_number, log_index). */
  public static final List<String> CHAIN_TABLES =
      List.of(
          "models",
          "task_events",
          "token_transfers",
          "revenue_claims",
          "revenue_payments",
          "escrow_deposits",
          "voucher_redemptions",
          "voucher_skips");

  private static final String LOG_COLUMNS =
      "block_number BIGINT NOT NULL, log_index INT NOT NULL, tx_hash VARCHAR(66) NOT NULL, ";
  private static final String LOG_KEY = ", PRIMARY KEY (block_number, log_index))";
  private static final String AMOUNT = " NUMERIC(78, 0)";

  private static final List<String> DDL =
      List.of(
          "CREATE TABLE IF NOT EXISTS schema_version (version INT NOT NULL)",
          "CREATE TABLE IF NOT EXISTS index_meta (id INT PRIMARY KEY, chain_id BIGINT NOT NULL,"
              + " registry VARCHAR(42) NOT NULL, router VARCHAR(42) NOT NULL,"
              + " escrow VARCHAR(42) NOT NULL, start_block BIGINT NOT NULL)",
          "CREATE TABLE IF NOT EXISTS index_cursor (id INT PRIMARY KEY,"
              + " block_number BIGINT NOT NULL, block_hash VARCHAR(66) NOT NULL)",
          "CREATE TABLE IF NOT EXISTS recent_blocks (block_number BIGINT PRIMARY KEY,"
              + " block_hash VARCHAR(66) NOT NULL, parent_hash VARCHAR(66) NOT NULL,"
              + " block_time BIGINT NOT NULL)",
          "CREATE TABLE IF NOT EXISTS models ("
              + LOG_COLUMNS
              + "model_id"
              + AMOUNT
              + " NOT NULL, token VARCHAR(42) NOT NULL, owner_addr VARCHAR(42) NOT NULL,"
              + " symbol VARCHAR(64) NOT NULL"
              + LOG_KEY,
          "CREATE TABLE IF NOT EXISTS task_events ("
              + LOG_COLUMNS
              + "block_time BIGINT NOT NULL, task_id"
              + AMOUNT
              + " NOT NULL, kind VARCHAR(24) NOT NULL, model_id"
              + AMOUNT
              + ", account VARCHAR(42), amount"
              + AMOUNT
              + ", deadline BIGINT, verdict INT, overturned BOOLEAN, signers VARCHAR(1400)"
              + LOG_KEY,
          "CREATE INDEX IF NOT EXISTS task_events_by_task ON task_events (task_id)",
          "CREATE TABLE IF NOT EXISTS token_transfers ("
              + LOG_COLUMNS
              + "token VARCHAR(42) NOT NULL, from_addr VARCHAR(42) NOT NULL,"
              + " to_addr VARCHAR(42) NOT NULL, amount"
              + AMOUNT
              + " NOT NULL"
              + LOG_KEY,
          "CREATE INDEX IF NOT EXISTS token_transfers_by_token ON token_transfers (token)",
          "CREATE TABLE IF NOT EXISTS revenue_claims ("
              + LOG_COLUMNS
              + "token VARCHAR(42) NOT NULL, account VARCHAR(42) NOT NULL, amount"
              + AMOUNT
              + " NOT NULL"
              + LOG_KEY,
          "CREATE TABLE IF NOT EXISTS revenue_payments ("
              + LOG_COLUMNS
              + "token VARCHAR(42) NOT NULL, payer VARCHAR(42) NOT NULL, amount"
              + AMOUNT
              + " NOT NULL, to_holders"
              + AMOUNT
              + " NOT NULL, to_verifiers"
              + AMOUNT
              + " NOT NULL, to_treasury"
              + AMOUNT
              + " NOT NULL"
              + LOG_KEY,
          "CREATE TABLE IF NOT EXISTS escrow_deposits ("
              + LOG_COLUMNS
              + "user_addr VARCHAR(42) NOT NULL, token VARCHAR(42) NOT NULL,"
              + " payer VARCHAR(42) NOT NULL, amount"
              + AMOUNT
              + " NOT NULL, balance"
              + AMOUNT
              + " NOT NULL"
              + LOG_KEY,
          "CREATE TABLE IF NOT EXISTS voucher_redemptions ("
              + LOG_COLUMNS
              + "user_addr VARCHAR(42) NOT NULL, token VARCHAR(42) NOT NULL, cumulative"
              + AMOUNT
              + " NOT NULL, paid"
              + AMOUNT
              + " NOT NULL, redeemed"
              + AMOUNT
              + " NOT NULL"
              + LOG_KEY,
          "CREATE INDEX IF NOT EXISTS voucher_redemptions_by_channel"
              + " ON voucher_redemptions (user_addr, token)",
          "CREATE TABLE IF NOT EXISTS voucher_skips ("
              + LOG_COLUMNS
              + "user_addr VARCHAR(42) NOT NULL, token VARCHAR(42) NOT NULL, cumulative"
              + AMOUNT
              + " NOT NULL, reason INT NOT NULL"
              + LOG_KEY,
          "CREATE TABLE IF NOT EXISTS voucher_inbox (user_addr VARCHAR(42) NOT NULL,"
              + " token VARCHAR(42) NOT NULL, cumulative"
              + AMOUNT
              + " NOT NULL, expiry"
              + AMOUNT
              + " NOT NULL, signature VARCHAR(132) NOT NULL, received_at BIGINT NOT NULL,"
              + " PRIMARY KEY (user_addr, token))",
          "CREATE TABLE IF NOT EXISTS keeper_intents (tx_hash VARCHAR(66) PRIMARY KEY,"
              + " kind VARCHAR(24) NOT NULL, sender VARCHAR(42) NOT NULL, nonce BIGINT NOT NULL,"
              + " state VARCHAR(16) NOT NULL, created_at BIGINT NOT NULL,"
              + " updated_at BIGINT NOT NULL, gas_used BIGINT, detail VARCHAR(2000))",
          "CREATE TABLE IF NOT EXISTS keeper_intent_subjects (tx_hash VARCHAR(66) NOT NULL,"
              + " subject VARCHAR(120) NOT NULL, PRIMARY KEY (tx_hash, subject))");

  private Schema() {}

  /** Creates missing tables; refuses a database written by another schema version. */
  static Void migrate(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String ddl : DDL) {
        s.execute(ddl);
      }
      try (ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
        if (!rs.next()) {
          s.executeUpdate("INSERT INTO schema_version (version) VALUES (" + VERSION + ")");
          return null;
        }
        int found = rs.getInt(1);
        if (found != VERSION) {
          throw new SQLException(
              "settlement database: expected schema version " + VERSION + ", found " + found);
        }
      }
    }
    return null;
  }
}
