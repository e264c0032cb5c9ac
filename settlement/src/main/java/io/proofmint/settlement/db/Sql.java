package io.proofmint.settlement.db;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;

/** Conversions between chain values and SQL columns. */
public final class Sql {

  private Sql() {}

  /** Sets a uint256 column ({@code NUMERIC(78, 0)}); null stays SQL NULL. */
  public static void setAmount(PreparedStatement ps, int index, BigInteger value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.NUMERIC);
    } else {
      ps.setBigDecimal(index, new BigDecimal(value));
    }
  }

  /** Reads a uint256 column; null for SQL NULL. */
  public static BigInteger amount(ResultSet rs, String column) throws SQLException {
    BigDecimal value = rs.getBigDecimal(column);
    return value == null ? null : value.toBigIntegerExact();
  }

  /** Addresses and hashes are stored lower-case, 0x-prefixed. */
  public static String hex(String value) {
    return value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  /** A nullable BIGINT column. */
  public static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }
}
