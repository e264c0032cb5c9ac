package io.proofmint.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.OptionSpec;

/**
 * What one option accepts from a config file (a TOML value of the option's type) or the environment
 * (text as on the command line), checked before picocli sees it and turned into the one default
 * string picocli applies: a repeatable option's values joined by its split (","), a group option's
 * by {@link ValuePairs#SEPARATOR}. Each failure says what was expected and what came.
 */
final class OptionValues {

  private OptionValues() {}

  /** The default string for {@code option} from TOML {@code node}; throws what is wrong with it. */
  static String fromToml(OptionSpec option, JsonNode node) throws ConfigException {
    if (isFlag(option)) {
      if (!node.isBoolean()) {
        throw mismatch("true or false", node);
      }
      return node.asText();
    }
    if (isGrouped(option)) {
      int size = option.arity().max();
      String expected = "an array of [" + String.join(", ", option.paramLabel().split(" ")) + "]";
      if (!node.isArray()) {
        throw mismatch(expected + " arrays", node);
      }
      List<String> values = new ArrayList<>();
      for (JsonNode group : node) {
        if (!group.isArray() || group.size() != size) {
          throw mismatch(expected + " arrays of " + size + " strings each", group);
        }
        for (JsonNode value : group) {
          values.add(scalar(option, elementType(option), value));
        }
      }
      return String.join(ValuePairs.SEPARATOR, values);
    }
    if (option.isMultiValue()) {
      String split = requireCommaSplit(option);
      if (!node.isArray()) {
        throw mismatch("an array of " + plural(elementType(option)), node);
      }
      List<String> values = new ArrayList<>();
      for (JsonNode element : node) {
        String value = scalar(option, elementType(option), element);
        if (value.contains(split)) {
          throw new ConfigException(
              "expected values without '" + split + "', got \"" + value + "\"");
        }
        values.add(value);
      }
      return String.join(split, values);
    }
    return scalar(option, option.type(), node);
  }

  /** The default string for {@code option} from environment text, checked like a flag's value. */
  static String fromText(OptionSpec option, String text) throws ConfigException {
    if (isFlag(option)) {
      String lower = text.strip().toLowerCase(Locale.ROOT);
      if (!lower.equals("true") && !lower.equals("false")) {
        throw new ConfigException("expected true or false, got \"" + text + "\"");
      }
      return lower;
    }
    if (isGrouped(option)) {
      String[] values = text.split(",", -1);
      int size = option.arity().max();
      if (values.length % size != 0) {
        throw new ConfigException(
            "expected "
                + option.paramLabel()
                + " groups of "
                + size
                + " comma-separated values, got "
                + values.length
                + " values");
      }
      for (String value : values) {
        checkText(option, elementType(option), value);
      }
      return String.join(ValuePairs.SEPARATOR, values);
    }
    if (option.isMultiValue()) {
      for (String value : text.split(requireCommaSplit(option), -1)) {
        checkText(option, elementType(option), value);
      }
      return text;
    }
    checkText(option, option.type(), text);
    return text;
  }

  private static String scalar(OptionSpec option, Class<?> type, JsonNode node)
      throws ConfigException {
    if (isInteger(type)) {
      if (!node.isIntegralNumber()) {
        throw mismatch("an integer", node);
      }
    } else if (type == BigInteger.class) {
      if (!node.isIntegralNumber() && !node.isTextual()) {
        throw mismatch("an integer (or a string of digits)", node);
      }
    } else if (type == boolean.class || type == Boolean.class) {
      if (!node.isBoolean()) {
        throw mismatch("true or false", node);
      }
    } else if (!node.isTextual()) {
      throw mismatch("a string", node);
    }
    String text = node.asText();
    checkText(option, type, text);
    return text;
  }

  /** Refuses {@code text} that {@code option}'s converter or type would refuse. */
  private static void checkText(OptionSpec option, Class<?> type, String text)
      throws ConfigException {
    try {
      if (option.converters().length > 0) {
        ITypeConverter<?> converter = option.converters()[0];
        converter.convert(text);
      } else if (type == int.class || type == Integer.class) {
        Integer.parseInt(text.strip());
      } else if (type == long.class || type == Long.class) {
        Long.parseLong(text.strip());
      } else if (type == BigInteger.class) {
        new BigInteger(text.strip());
      } else if (type == URI.class) {
        new URI(text);
      } else if (type == Path.class) {
        Path.of(text);
      } else if (type.isEnum()) {
        List<String> names =
            Arrays.stream(type.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
        if (names.stream().noneMatch(n -> n.equalsIgnoreCase(text))) {
          throw new ConfigException("expected one of " + names + ", got \"" + text + "\"");
        }
      }
    } catch (NumberFormatException e) {
      throw new ConfigException(
          "expected " + describe(type) + " that fits " + type.getSimpleName() + ", got " + text);
    } catch (URISyntaxException | InvalidPathException e) {
      throw new ConfigException("expected " + describe(type) + ", got \"" + text + "\": " + e);
    } catch (ConfigException e) {
      throw e;
    } catch (Exception e) {
      // A converter's refusal is the expected outcome here, and its message says what it wanted.
      throw new ConfigException(e.getMessage() != null ? e.getMessage() : e.toString());
    }
  }

  private static boolean isFlag(OptionSpec option) {
    return option.arity().max() == 0;
  }

  private static boolean isGrouped(OptionSpec option) {
    return option.isMultiValue() && option.arity().max() > 1;
  }

  private static boolean isInteger(Class<?> type) {
    return type == int.class || type == Integer.class || type == long.class || type == Long.class;
  }

  private static Class<?> elementType(OptionSpec option) {
    return option.auxiliaryTypes()[0];
  }

  private static String requireCommaSplit(OptionSpec option) {
    if (!",".equals(option.splitRegex())) {
      throw new IllegalStateException(
          option.longestName()
              + ": a repeatable option read from a config file declares split=\",\"");
    }
    return ",";
  }

  private static String describe(Class<?> type) {
    if (isInteger(type) || type == BigInteger.class) {
      return "an integer";
    }
    if (type == URI.class) {
      return "a URL";
    }
    if (type == Path.class) {
      return "a path";
    }
    return "a string";
  }

  private static String plural(Class<?> type) {
    return describe(type).replaceFirst("^an? ", "") + "s";
  }

  private static ConfigException mismatch(String expected, JsonNode node) {
    return new ConfigException("expected " + expected + ", got " + kind(node) + " (" + node + ")");
  }

  private static String kind(JsonNode node) {
    if (node.isObject()) {
      return "a table";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isBoolean()) {
      return "a boolean";
    }
    if (node.isIntegralNumber()) {
      return "an integer";
    }
    if (node.isNumber()) {
      return "a float";
    }
    return "a string";
  }
}
