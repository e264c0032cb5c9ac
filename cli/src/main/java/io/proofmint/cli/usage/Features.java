package io.proofmint.cli.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The model input of `usage call`: "1,2,3" on the command line, or a file (JSON array or CSV). */
final class Features {

  private Features() {}

  /** "0.1, 2.5,3" (commas, and any whitespace around them). */
  static float[] parseList(String text) {
    String[] parts = text.strip().split("\\s*[,\\s]\\s*");
    if (text.isBlank()) {
      throw new IllegalArgumentException("features: expected numbers such as 0.1,2.5,3, got none");
    }
    float[] out = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        out[i] = Float.parseFloat(parts[i]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "features[" + i + "]: expected a number, got '" + parts[i] + "'");
      }
      if (!Float.isFinite(out[i])) {
        throw new IllegalArgumentException(
            "features[" + i + "]: expected a finite number, got '" + parts[i] + "'");
      }
    }
    return out;
  }

  /** A file holding a JSON array of numbers, or comma/whitespace-separated numbers (CSV). */
  static float[] read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--features-file " + file + ": no such file");
    }
    String text = Files.readString(file).strip();
    if (!text.startsWith("[")) {
      return parseList(text);
    }
    JsonNode array = new ObjectMapper().readTree(text);
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode n = array.get(i);
      if (!n.isNumber()) {
        throw new IllegalArgumentException(
            "--features-file " + file + ": element " + i + ": expected a number, got " + n);
      }
      out[i] = n.floatValue();
    }
    if (out.length == 0) {
      throw new IllegalArgumentException("--features-file " + file + ": expected numbers, got []");
    }
    return out;
  }
}
