package io.proofmint.worker.engine;

/**
 * Reads the {@code key=value} fields of a profile's canonical text ({@value
 * ReproducibilityProfile#FORMAT} first, then the fields joined by ';'), for both profile kinds: the
 * keys in exactly the given order, each error naming the field and what was expected.
 */
final class ProfileFields {

  private ProfileFields() {}

  /** The values of {@code keys}, in order. */
  static String[] read(String canonical, String[] keys) {
    String[] parts = canonical.split(";", -1);
    if (parts.length != keys.length + 1 || !parts[0].equals(ReproducibilityProfile.FORMAT)) {
      throw new IllegalArgumentException(
          "profile: expected '%s' and %d key=value fields (%s), got '%s'"
              .formatted(
                  ReproducibilityProfile.FORMAT, keys.length, String.join(", ", keys), canonical));
    }
    String[] values = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      String part = parts[i + 1];
      int eq = part.indexOf('=');
      if (eq < 0 || !part.substring(0, eq).equals(keys[i])) {
        throw new IllegalArgumentException(
            "profile field %d: expected key '%s', got '%s'".formatted(i + 1, keys[i], part));
      }
      values[i] = part.substring(eq + 1);
    }
    return values;
  }

  /** {@code value} as a decimal int, or an error naming {@code key}. */
  static int integer(String key, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "profile field %s: expected an integer, got '%s'".formatted(key, value), e);
    }
  }
}
