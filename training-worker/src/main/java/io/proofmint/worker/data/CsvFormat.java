package io.proofmint.worker.data;

/**
 * How {@link CsvExamplesLoader} reads a file: one example per line, numeric features, one integer
 * class label column.
 *
 * @param header whether the first line names the columns
 * @param labelColumn zero-based column of the label; {@code -1} for the last column
 * @param delimiter the field separator
 * @param classCount number of classes; {@code 0} to take the largest label plus one
 */
public record CsvFormat(Header header, int labelColumn, char delimiter, int classCount) {

  public enum Header {
    PRESENT,
    ABSENT,
    /** A header if any field of the first line is not a number. */
    AUTO
  }

  public CsvFormat {
    if (labelColumn < -1) {
      throw new IllegalArgumentException(
          "labelColumn must be -1 (last) or a column index, got " + labelColumn);
    }
    if (classCount < 0 || classCount == 1) {
      throw new IllegalArgumentException(
          "classCount must be 0 (infer) or at least 2, got " + classCount);
    }
  }

  /** Comma-separated, header detected, label in the last column, classes inferred. */
  public static CsvFormat defaults() {
    return new CsvFormat(Header.AUTO, -1, ',', 0);
  }

  public CsvFormat withClassCount(int classes) {
    return new CsvFormat(header, labelColumn, delimiter, classes);
  }

  public CsvFormat withLabelColumn(int column) {
    return new CsvFormat(header, column, delimiter, classCount);
  }

  public CsvFormat withHeader(Header present) {
    return new CsvFormat(present, labelColumn, delimiter, classCount);
  }
}
