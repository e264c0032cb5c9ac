package io.proofmint.verifier.check;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.verifier.replay.SegmentReplay;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link CheckReport} as a plain-text table, one row per replayed segment, and a verdict
 * line:
 *
 * <pre>
 * segment  committed end   replayed end    verdict             distance  seconds
 *       0  0x3f2a9c01d2..  0x3f2a9c01d2..  MATCH                      -    0.041
 *       3  0x81c0e5d7aa..  0x0d1b2c9e4f..  END_HASH_MISMATCH          -    0.038
 * FRAUD: segment 3 END_HASH_MISMATCH (C_4: expected 0x81c0..., replay gave 0x0d1b...)
 * </pre>
 */
public final class CheckTable {

  private static final String[] HEADER = {
    "segment", "committed end", "replayed end", "verdict", "distance", "seconds"
  };
  private static final boolean[] RIGHT = {true, false, false, false, true, true};

  private CheckTable() {}

  /** The table with hashes shortened to their first 10 hex digits. */
  public static String render(CheckReport report) {
    return render(report, false);
  }

  /**
   * @param fullHashes print every hash in full (66 characters) instead of shortened
   */
  public static String render(CheckReport report, boolean fullHashes) {
    StringBuilder out = new StringBuilder();
    if (!report.validation().isValid()) {
      return out.append("INVALID bundle ")
          .append(report.bundleDir())
          .append(": ")
          .append(report.validation())
          .append('\n')
          .toString();
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (SegmentReplay r : report.rows()) {
      rows.add(
          new String[] {
            Integer.toString(r.segment()),
            hash(r.committedEnd(), fullHashes),
            r.replayedEndHash().map(h -> hash(h, fullHashes)).orElse("-"),
            r.reason().name(),
            r.distanceIfComputed().isPresent() && report.policy().isTolerant()
                ? String.format(Locale.ROOT, "%.3g", r.distance())
                : "-",
            String.format(Locale.ROOT, "%.3f", r.elapsed().toNanos() / 1e9)
          });
    }
    appendAligned(out, rows);
    out.append(summary(report)).append('\n');
    return out.toString();
  }

  /** One line: VALID with the count, or FRAUD with the first failing segment and why. */
  public static String summary(CheckReport report) {
    if (!report.validation().isValid()) {
      return "INVALID bundle: " + report.validation();
    }
    return report
        .firstFailure()
        .map(
            f ->
                "FRAUD: segment %d %s (%s)%s"
                    .formatted(
                        f.segment(),
                        f.reason(),
                        f.detail(),
                        report.rows().stream().filter(r -> !r.passes()).count() > 1
                            ? "; %d of %d segments failed"
                                .formatted(
                                    report.rows().stream().filter(r -> !r.passes()).count(),
                                    report.rows().size())
                            : ""))
        .orElse(
            "VALID: %d segment(s) replayed, policy %s"
                .formatted(report.rows().size(), report.policy()));
  }

  private static String hash(Hash32 hash, boolean full) {
    String hex = hash.toHex();
    return full ? hex : hex.substring(0, 12) + "..";
  }

  private static void appendAligned(StringBuilder out, List<String[]> rows) {
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        if (c > 0) {
          line.append("  ");
        }
        String pad = " ".repeat(widths[c] - row[c].length());
        line.append(RIGHT[c] ? pad + row[c] : row[c] + pad);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }
}
