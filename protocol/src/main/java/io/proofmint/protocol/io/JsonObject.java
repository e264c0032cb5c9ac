package io.proofmint.protocol.io;

import com.fasterxml.jackson.databind.JsonNode;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Hash32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Typed, required fields of a parsed JSON object. A missing or ill-typed field is a {@link
 * FormatException} naming the source, the field path, what was expected and what came.
 */
public final class JsonObject {

  private final JsonNode node;
  private final String source;
  private final String path;

  private JsonObject(JsonNode node, String source, String path) {
    this.node = node;
    this.source = source;
    this.path = path;
  }

  static JsonObject of(JsonNode node, String source) throws FormatException {
    if (!node.isObject()) {
      throw new FormatException(
          "%s: expected a JSON object, got %s".formatted(source, node.getNodeType()));
    }
    return new JsonObject(node, source, "");
  }

  public String text(String field) throws FormatException {
    JsonNode value = require(field);
    if (!value.isTextual()) {
      throw error(field, "a string", value);
    }
    return value.textValue();
  }

  /** A JSON integer in {@code [min, max]}. */
  public long integer(String field, long min, long max) throws FormatException {
    JsonNode value = require(field);
    if (!value.isIntegralNumber()
        || value.bigIntegerValue().compareTo(BigInteger.valueOf(min)) < 0
        || value.bigIntegerValue().compareTo(BigInteger.valueOf(max)) > 0) {
      throw error(field, "an integer in [%d, %d]".formatted(min, max), value);
    }
    return value.longValue();
  }

  /** A decimal string of a uint256, e.g. a task id: {@code "12"}. */
  public BigInteger uint256(String field) throws FormatException {
    String text = text(field);
    if (!text.matches("0|[1-9][0-9]{0,77}")) {
      throw error(field, "a decimal uint256 string without leading zeros", require(field));
    }
    BigInteger value = new BigInteger(text);
    if (value.bitLength() > 256) {
      throw error(field, "a value below 2^256", require(field));
    }
    return value;
  }

  public Hash32 hash(String field) throws FormatException {
    String text = text(field);
    return parseHash(field, text);
  }

  public Address address(String field) throws FormatException {
    String text = text(field);
    try {
      return Address.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new FormatException(
          "%s: field '%s%s': %s".formatted(source, path, field, e.getMessage()));
    }
  }

  public List<Hash32> hashes(String field) throws FormatException {
    JsonNode array = array(field);
    List<Hash32> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      String name = "%s[%d]".formatted(field, i);
      if (!item.isTextual()) {
        throw error(name, "a 0x-prefixed 32-byte hex string", item);
      }
      out.add(parseHash(name, item.textValue()));
    }
    return out;
  }

  public List<JsonObject> objects(String field) throws FormatException {
    JsonNode array = array(field);
    List<JsonObject> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      String name = "%s[%d]".formatted(field, i);
      if (!item.isObject()) {
        throw error(name, "an object", item);
      }
      out.add(new JsonObject(item, source, path + name + "."));
    }
    return out;
  }

  public JsonObject object(String field) throws FormatException {
    JsonNode value = require(field);
    if (!value.isObject()) {
      throw error(field, "an object", value);
    }
    return new JsonObject(value, source, path + field + ".");
  }

  /**
   * Rejects any field not in {@code known}, naming the first unknown one in document order: a
   * reader that ignored it could act on a file another reader refuses.
   */
  public void onlyFields(Set<String> known) throws FormatException {
    var names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw error(
            name,
            "expected no such field (the fields are %s), got one"
                .formatted(known.stream().sorted().toList()));
      }
    }
  }

  /** A {@link FormatException} about {@code field} of this object. */
  public FormatException error(String field, String message) {
    return new FormatException("%s: field '%s%s': %s".formatted(source, path, field, message));
  }

  private Hash32 parseHash(String field, String text) throws FormatException {
    if (!text.matches("0x[0-9a-f]{64}")) {
      throw error(field, "expected 0x + 64 lower-case hex digits, got '%s'".formatted(text));
    }
    return Hash32.fromHex(text);
  }

  private JsonNode array(String field) throws FormatException {
    JsonNode value = require(field);
    if (!value.isArray()) {
      throw error(field, "an array", value);
    }
    return value;
  }

  private JsonNode require(String field) throws FormatException {
    JsonNode value = node.get(field);
    if (value == null) {
      throw error(field, "expected a value, got none (missing)");
    }
    return value;
  }

  private FormatException error(String field, String expected, JsonNode got) {
    return error(field, "expected %s, got %s".formatted(expected, got));
  }
}
