package io.proofmint.systemtests.settlement;

import io.proofmint.settlement.db.Database;
import io.proofmint.settlement.db.Schema;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Every chain-derived row of a settlement database, as text in key order, to compare indexes. */
final class IndexDump {

  private IndexDump() {}

  static List<String> of(Database db) throws Exception {
    return db.transaction(
        c -> {
          List<String> rows = new ArrayList<>();
          for (String table : Schema.CHAIN_TABLES) {
            try (Statement s = c.createStatement();
                ResultSet rs =
                    s.executeQuery(
                        "SELECT * FROM " + table + " ORDER BY block_number, log_index")) {
              int columns = rs.getMetaData().getColumnCount();
              while (rs.next()) {
                StringBuilder row = new StringBuilder(table);
                for (int i = 1; i <= columns; i++) {
                  row.append('|').append(rs.getString(i));
                }
                rows.add(row.toString());
              }
            }
          }
          return rows;
        });
  }
}
