package io.proofmint.cli;

import java.io.PrintWriter;
import java.util.List;

/** A plain-text table with a header rule; columns as wide as their widest cell. */
public final class TextTable {

  private TextTable() {}

  /** Prints {@code rows}; the first row is the header. */
  public static void print(List<String[]> rows, PrintWriter out) {
    int columns = rows.get(0).length;
    int[] width = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        width[c] = Math.max(width[c], row[c].length());
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        line.append(c == 0 ? "" : "  ").append(pad(rows.get(r)[c], width[c]));
      }
      out.println(line.toString().stripTrailing());
      if (r == 0) {
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < columns; c++) {
          rule.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        out.println(rule);
      }
    }
    out.flush();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }
}
