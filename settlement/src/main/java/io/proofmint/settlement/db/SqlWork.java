package io.proofmint.settlement.db;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done inside one database transaction. */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
