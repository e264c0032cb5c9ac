package io.proofmint.worker.data;

import io.proofmint.protocol.dataset.Examples;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Reads a numeric CSV file into {@link Examples}: every column but the label column is a float32
 * feature, the label column holds integer class labels from 0. Blank lines are skipped. Errors name
 * the file, the line (from 1) and the column (from 1).
 */
public final class CsvExamplesLoader {

  private CsvExamplesLoader() {}

  public static Examples load(Path file) throws IOException {
    return load(file, CsvFormat.defaults());
  }

  public static Examples load(Path file, CsvFormat format) throws IOException {
    String name = file.toString();
    Pattern splitter = Pattern.compile(Pattern.quote(String.valueOf(format.delimiter())));
    int columns = -1;
    int labelColumn = -1;
    float[] features = new float[1024];
    int featureCount = 0;
    int[] labels = new int[1024];
    int rows = 0;
    int maxLabel = -1;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNumber = 0;
      boolean first = true;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        String[] fields = splitter.split(line, -1);
        if (first) {
          first = false;
          columns = fields.length;
          if (columns < 2) {
            throw new ExamplesFormatException(
                "%s line %d: expected at least 2 columns (features and a label), got %d"
                    .formatted(name, lineNumber, columns));
          }
          labelColumn = format.labelColumn() == -1 ? columns - 1 : format.labelColumn();
          if (labelColumn >= columns) {
            throw new ExamplesFormatException(
                "%s line %d: label column %d does not exist, the file has %d columns"
                    .formatted(name, lineNumber, labelColumn + 1, columns));
          }
          featureCount = columns - 1;
          if (isHeader(fields, format.header())) {
            continue;
          }
        }
        if (fields.length != columns) {
          throw new ExamplesFormatException(
              "%s line %d: expected %d columns, got %d"
                  .formatted(name, lineNumber, columns, fields.length));
        }
        if ((long) (rows + 1) * featureCount > Integer.MAX_VALUE - 8) {
          throw new ExamplesFormatException(
              "%s line %d: more features than one float array holds".formatted(name, lineNumber));
        }
        if ((rows + 1) * featureCount > features.length) {
          features =
              Arrays.copyOf(features, Math.max(features.length * 2, (rows + 1) * featureCount));
        }
        if (rows == labels.length) {
          labels = Arrays.copyOf(labels, labels.length * 2);
        }
        int f = rows * featureCount;
        for (int c = 0; c < columns; c++) {
          String field = fields[c].trim();
          if (c == labelColumn) {
            int label = parseLabel(field, name, lineNumber, c, format.classCount());
            labels[rows] = label;
            maxLabel = Math.max(maxLabel, label);
          } else {
            features[f++] = parseFeature(field, name, lineNumber, c);
          }
        }
        rows++;
      }
    }
    if (rows == 0) {
      throw new ExamplesFormatException(
          name + ": no examples (the file is empty or only a header)");
    }
    int classCount = format.classCount() > 0 ? format.classCount() : Math.max(2, maxLabel + 1);
    return new Examples(
        featureCount,
        classCount,
        Arrays.copyOf(features, rows * featureCount),
        Arrays.copyOf(labels, rows));
  }

  private static boolean isHeader(String[] fields, CsvFormat.Header header) {
    return switch (header) {
      case PRESENT -> true;
      case ABSENT -> false;
      case AUTO -> Arrays.stream(fields).anyMatch(f -> !isNumber(f.trim()));
    };
  }

  private static boolean isNumber(String s) {
    try {
      Float.parseFloat(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static float parseFeature(String field, String file, int line, int column)
      throws ExamplesFormatException {
    try {
      float value = Float.parseFloat(field);
      if (!Float.isFinite(value)) {
        throw new ExamplesFormatException(
            "%s line %d column %d: expected a finite number, got '%s'"
                .formatted(file, line, column + 1, field));
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ExamplesFormatException(
          "%s line %d column %d: expected a number, got '%s'"
              .formatted(file, line, column + 1, field));
    }
  }

  private static int parseLabel(String field, String file, int line, int column, int classCount)
      throws ExamplesFormatException {
    int label;
    try {
      label = Integer.parseInt(field);
    } catch (NumberFormatException e) {
      throw new ExamplesFormatException(
          "%s line %d column %d: expected an integer class label, got '%s'"
              .formatted(file, line, column + 1, field));
    }
    if (label < 0 || (classCount > 0 && label >= classCount)) {
      throw new ExamplesFormatException(
          "%s line %d column %d: expected a class label in [0, %s), got %d"
              .formatted(file, line, column + 1, classCount > 0 ? classCount : "infinity", label));
    }
    return label;
  }
}
