package io.proofmint.protocol.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The JSON of manifests: strict parsing (duplicate keys and trailing content rejected), pretty
 * printed output with a final newline, atomic writes.
 */
public final class Json {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses a JSON object; a syntax error becomes a {@link FormatException} naming the source. */
  public static JsonObject parse(byte[] bytes, String source) throws FormatException {
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new FormatException(
          "%s: expected JSON, got a syntax error: %s".formatted(source, e.getOriginalMessage()));
    } catch (IOException e) {
      throw new IllegalStateException("in-memory JSON read failed", e);
    }
    return JsonObject.of(node, source);
  }

  public static JsonObject read(Path file) throws IOException {
    return parse(Files.readAllBytes(file), file.toString());
  }

  public static String toText(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("JSON tree could not be written", e);
    }
  }

  public static byte[] toBytes(JsonNode node) {
    return toText(node).getBytes(StandardCharsets.UTF_8);
  }

  /** Writes {@code node} to {@code file} atomically. */
  public static void write(Path file, JsonNode node) throws IOException {
    AtomicFiles.write(file, toBytes(node));
  }
}
