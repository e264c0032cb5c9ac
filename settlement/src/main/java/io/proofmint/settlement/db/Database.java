package io.proofmint.settlement.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settlement database reached through plain JDBC: an embedded H2 file by default, or any JDBC
 * URL (PostgreSQL included; the SQL is standard). Hands out a small pool of connections; every
 * piece of work runs in its own transaction, committed when it returns and rolled back when it
 * throws.
 */
public final class Database implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /** Connections kept open; enough for the server's request threads plus the keeper. */
  static final int MAX_CONNECTIONS = 16;

  private static final long CONNECTION_WAIT_SECONDS = 30;

  private final String url;
  private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(MAX_CONNECTIONS);
  private final Semaphore permits = new Semaphore(MAX_CONNECTIONS);
  private volatile boolean closed;

  private Database(String url) {
    this.url = url;
  }

  /**
   * Opens the database at {@code jdbcUrl} and creates or checks its tables.
   *
   * @throws SQLException if it cannot be reached or holds a schema of another version
   */
  public static Database open(String jdbcUrl) throws SQLException {
    if (jdbcUrl.startsWith("jdbc:h2:") && System.getProperty("h2.bindAddress") == null) {
      // H2's AUTO_SERVER lets a second process share the file over TCP; keep that on loopback.
      System.setProperty("h2.bindAddress", "127.0.0.1");
    }
    Database db = new Database(durable(jdbcUrl));
    try {
      db.transaction(Schema::migrate);
    } catch (SQLException | RuntimeException e) {
      db.close();
      throw e;
    }
    LOG.info("settlement database open: {}", redact(jdbcUrl));
    return db;
  }

  /**
   * The default database: an H2 file {@code settlement} under {@code dir}, shareable by a keeper
   * and a model server running as two processes on this machine (H2's automatic mixed mode, bound
   * to loopback).
   */
  public static String h2FileUrl(Path dir) {
    return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("settlement") + ";AUTO_SERVER=TRUE";
  }

  /** A private in-memory H2 database that lives until the last connection closes. */
  public static String h2MemoryUrl(String name) {
    return "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=0";
  }

  /**
   * H2 writes committed transactions to its file up to half a second later by default, so a killed
   * process can lose the last ones; the keeper's journal must not. {@code WRITE_DELAY=0} writes
   * every commit before it returns (an explicit WRITE_DELAY in the URL is kept).
   */
  static String durable(String jdbcUrl) {
    boolean h2File = jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:h2:mem:");
    if (!h2File || jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains("WRITE_DELAY")) {
      return jdbcUrl;
    }
    return jdbcUrl + ";WRITE_DELAY=0";
  }

  /** Runs {@code work} in a transaction: committed if it returns, rolled back if it throws. */
  public <T> T transaction(SqlWork<T> work) throws SQLException {
    Connection c = borrow();
    boolean healthy = false;
    try {
      c.setAutoCommit(false);
      T result;
      try {
        result = work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(c, e);
        throw e;
      }
      healthy = true;
      return result;
    } finally {
      giveBack(c, healthy);
    }
  }

  /** The JDBC URL with any password removed, for messages and logs. */
  public String describe() {
    return redact(url);
  }

  private Connection borrow() throws SQLException {
    if (closed) {
      throw new SQLException("settlement database " + redact(url) + " is closed");
    }
    try {
      if (!permits.tryAcquire(CONNECTION_WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new SQLException(
            "no free database connection after "
                + CONNECTION_WAIT_SECONDS
                + " s (pool of "
                + MAX_CONNECTIONS
                + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted waiting for a database connection", e);
    }
    Connection c = idle.poll();
    if (c != null) {
      return c;
    }
    try {
      return DriverManager.getConnection(url);
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private void giveBack(Connection c, boolean healthy) {
    try {
      if (healthy && !closed && idle.offer(c)) {
        return;
      }
      c.close();
    } catch (SQLException e) {
      LOG.warn("closing a database connection failed: {}", e.toString());
    } finally {
      permits.release();
    }
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  static String redact(String jdbcUrl) {
    return jdbcUrl.replaceAll("(?i)(password=)[^;&]*", "$1***");
  }

  @Override
  public void close() {
    closed = true;
    Connection c;
    while ((c = idle.poll()) != null) {
      try {
        c.close();
      } catch (SQLException e) {
        LOG.warn("closing a database connection failed: {}", e.toString());
      }
    }
  }
}
