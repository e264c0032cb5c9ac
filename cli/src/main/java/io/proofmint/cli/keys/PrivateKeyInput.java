package io.proofmint.cli.keys;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.web3j.crypto.ECKeyPair;

/**
 * A raw private key read from a file or standard input (never from an argument, which `ps` shows):
 * 64 hex digits, 0x optional, surrounding whitespace ignored. Error messages never quote the input.
 */
final class PrivateKeyInput {

  /** Larger than any key file with a trailing newline; a longer input is not a bare key. */
  private static final int MAX_BYTES = 1024;

  /** The order n of secp256k1: a private key is in [1, n - 1]. */
  private static final BigInteger SECP256K1_N =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  private PrivateKeyInput() {}

  /** Reads the key from {@code file}, or from {@code stdin} when {@code file} is "-". */
  static ECKeyPair read(String file, InputStream stdin) throws IOException {
    String source = "-".equals(file) ? "standard input" : "--private-key-file " + file;
    byte[] bytes;
    if ("-".equals(file)) {
      bytes = stdin.readNBytes(MAX_BYTES + 1);
    } else {
      Path path = Path.of(file);
      if (!Files.isRegularFile(path)) {
        throw new IOException(source + ": no such file");
      }
      if (Files.size(path) > MAX_BYTES) {
        throw new IOException(
            source
                + ": expected a private key of 64 hex digits, got a file of "
                + Files.size(path)
                + " bytes");
      }
      bytes = Files.readAllBytes(path);
    }
    try {
      return parse(bytes, source);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  static ECKeyPair parse(byte[] input, String source) throws IOException {
    if (input.length > MAX_BYTES) {
      throw new IOException(source + ": expected a private key of 64 hex digits, got more input");
    }
    String text = new String(input, StandardCharsets.US_ASCII).strip();
    if (text.startsWith("0x") || text.startsWith("0X")) {
      text = text.substring(2);
    }
    if (!text.matches("[0-9a-fA-F]{64}")) {
      throw new IOException(
          source
              + ": expected a private key of 64 hex digits (0x optional), got "
              + text.length()
              + " characters that are not one");
    }
    BigInteger key = new BigInteger(text, 16);
    if (key.signum() == 0 || key.compareTo(SECP256K1_N) >= 0) {
      throw new IOException(
          source + ": expected a private key between 1 and the secp256k1 group order");
    }
    return ECKeyPair.create(key);
  }
}
