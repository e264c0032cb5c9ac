package io.proofmint.protocol.crypto;

/** Lower-case hexadecimal text for byte arrays, with or without the {@code 0x} prefix. */
public final class Hex {

  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  /** {@code 0x} followed by two lower-case digits per byte. */
  public static String encode(byte[] bytes) {
    return "0x" + encodeBare(bytes);
  }

  /** Two lower-case digits per byte, no prefix. */
  public static String encodeBare(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * Decodes hex text, with or without {@code 0x}, in either case.
   *
   * @throws IllegalArgumentException if the text has an odd length or a non-hex character
   */
  public static byte[] decode(String text) {
    String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
    if (digits.length() % 2 != 0) {
      throw new IllegalArgumentException(
          "hex: expected an even number of digits, got " + digits.length());
    }
    byte[] out = new byte[digits.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((digit(digits, 2 * i) << 4) | digit(digits, 2 * i + 1));
    }
    return out;
  }

  private static int digit(String digits, int index) {
    int value = Character.digit(digits.charAt(index), 16);
    if (value < 0) {
      throw new IllegalArgumentException(
          "hex: expected a hex digit at position %d, got '%c'"
              .formatted(index, digits.charAt(index)));
    }
    return value;
  }
}
