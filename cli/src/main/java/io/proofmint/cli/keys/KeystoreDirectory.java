package io.proofmint.cli.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proofmint.protocol.crypto.Address;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.exception.CipherException;
import org.web3j.protocol.ObjectMapperFactory;

/**
 * A directory of Ethereum V3 keystores, one file per address, named as geth and web3j name them
 * ({@code UTC--<time>--<address>.json}). Files are written atomically with mode 0600 into a
 * directory created with mode 0700, and never over the keystore of an address already present.
 * Nothing here prints or logs a key or a password.
 */
public final class KeystoreDirectory {

  /** The scrypt cost of a new keystore; r is 8 in both (web3j's fixed block size). */
  public record Scrypt(int n, int p) {
    /** web3j's {@code Wallet.createStandard}: N = 2^18, p = 1 (about 256 MiB, a second or so). */
    public static final Scrypt STANDARD = new Scrypt(1 << 18, 1);

    /** web3j's {@code Wallet.createLight}: N = 2^12, p = 6; 64 times cheaper to guess. */
    public static final Scrypt LIGHT = new Scrypt(1 << 12, 6);
  }

  /** A keystore in the directory and the address it records. */
  public record Entry(String address, Path file) {}

  /** The keystores found, and the files that are not readable V3 keystores (with why). */
  public record Listing(List<Entry> keystores, List<String> skipped) {}

  private static final Set<PosixFilePermission> FILE_MODE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR_MODE =
      PosixFilePermissions.fromString("rwx------");
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final ObjectMapper JSON = ObjectMapperFactory.getObjectMapper();

  private final Path dir;
  private final Clock clock;

  KeystoreDirectory(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
  }

  public static KeystoreDirectory at(Path dir) {
    return new KeystoreDirectory(dir, Clock.systemUTC());
  }

  public Path dir() {
    return dir;
  }

  /** Whether {@code s} is written like an address (40 hex digits, 0x optional). */
  public static boolean looksLikeAddress(String s) {
    return s.matches("(0x|0X)?[0-9a-fA-F]{40}");
  }

  /**
   * The address a keystore file records (checksummed), read without its password; empty when the
   * file records none.
   *
   * @throws IOException if the file is not a V3 keystore JSON file
   */
  public static Optional<String> recordedAddress(Path file) throws IOException {
    JsonNode json;
    try {
      json = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(
          "keystore "
              + file
              + ": expected an Ethereum V3 keystore JSON file ("
              + e.getMessage()
              + ")",
          e);
    }
    if (json == null || !json.isObject() || !json.has("crypto") && !json.has("Crypto")) {
      throw new IOException("keystore " + file + ": expected an Ethereum V3 keystore JSON file");
    }
    JsonNode address = json.get("address");
    if (address == null || !address.isTextual() || !looksLikeAddress(address.asText())) {
      return Optional.empty();
    }
    return Optional.of(checksum(address.asText().toLowerCase(Locale.ROOT)));
  }

  /** Every keystore in the directory, by file name; an absent directory holds none. */
  public Listing list() throws IOException {
    List<Entry> keystores = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return new Listing(keystores, skipped);
    }
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().startsWith("."))
              .sorted(Comparator.comparing(Path::getFileName))
              .toList();
    }
    for (Path f : files) {
      try {
        Optional<String> address = recordedAddress(f);
        if (address.isPresent()) {
          keystores.add(new Entry(address.get(), f));
        } else {
          skipped.add(f + ": records no address");
        }
      } catch (IOException e) {
        skipped.add(f + ": not a V3 keystore");
      }
    }
    return new Listing(keystores, skipped);
  }

  /** The keystore of {@code address}, if the directory holds one. */
  public Optional<Entry> find(String address) throws IOException {
    String wanted = checksum(address);
    return list().keystores().stream().filter(e -> e.address().equals(wanted)).findFirst();
  }

  /**
   * Encrypts {@code key} with {@code password} (scrypt at {@code cost}) into a new keystore.
   *
   * @throws IOException if the directory already holds a keystore of this address, or on I/O
   */
  public Entry create(ECKeyPair key, char[] password, Scrypt cost) throws IOException {
    WalletFile wallet;
    try {
      wallet = Wallet.create(new String(password), key, cost.n(), cost.p());
    } catch (CipherException e) {
      throw new IOException("cannot encrypt the new keystore: " + e.getMessage(), e);
    }
    return write(wallet);
  }

  /**
   * Copies the keystore {@code source} into the directory after checking that {@code password}
   * opens it; its encryption is kept as it is, and the address it records is set to the address of
   * its key.
   *
   * @throws IOException if the password is wrong, the file is no keystore, the address it records
   *     is not its key's, or the directory already holds a keystore of this address
   */
  public Entry importKeystore(Path source, char[] password) throws IOException {
    if (!Files.isRegularFile(source)) {
      throw new IOException("keystore " + source + ": no such file");
    }
    Optional<String> recorded = recordedAddress(source);
    WalletFile wallet;
    try {
      wallet = JSON.readValue(source.toFile(), WalletFile.class);
    } catch (IOException e) {
      throw new IOException(
          "keystore "
              + source
              + ": expected an Ethereum V3 keystore JSON file ("
              + e.getMessage()
              + ")",
          e);
    }
    ECKeyPair key;
    try {
      key = Wallet.decrypt(new String(password), wallet);
    } catch (CipherException e) {
      throw new IOException(
          "keystore " + source + ": wrong password (or a damaged file): " + e.getMessage(), e);
    }
    String actual = checksum(Keys.getAddress(key));
    if (recorded.isPresent() && !recorded.get().equals(actual)) {
      throw new IOException(
          "keystore "
              + source
              + ": records address "
              + recorded.get()
              + " but its key is the key of "
              + actual
              + "; not imported");
    }
    wallet.setAddress(Keys.getAddress(key));
    return write(wallet);
  }

  private Entry write(WalletFile wallet) throws IOException {
    String address = checksum(wallet.getAddress());
    Optional<Entry> existing = find(address);
    if (existing.isPresent()) {
      throw new IOException(
          "keys directory "
              + dir
              + " already holds the keystore of "
              + address
              + " ("
              + existing.get().file()
              + "); not overwritten");
    }
    prepareDirectory();
    String name =
        "UTC--"
            + FILE_TIME.format(clock.instant())
            + "--"
            + address.substring(2).toLowerCase(Locale.ROOT)
            + ".json";
    Path target = dir.resolve(name);
    byte[] bytes = JSON.writeValueAsBytes(wallet);
    Path tmp =
        Files.createTempFile(
            dir, ".keystore-", ".tmp", PosixFilePermissions.asFileAttribute(FILE_MODE));
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      // A hard link appears at once, complete, and never replaces a file already there.
      Files.createLink(target, tmp);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("keystore " + target + " already exists; not overwritten", e);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return new Entry(address, target);
  }

  private void prepareDirectory() throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
    // The umask may have taken bits away, never added them; set the mode exactly.
    Files.setPosixFilePermissions(dir, DIR_MODE);
  }

  /** Whether group or others may read or enter the directory (a warning, not a refusal). */
  public boolean isOpenToOthers() throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    return !DIR_MODE.containsAll(Files.getPosixFilePermissions(dir));
  }

  /** {@code address} (0x optional; mixed case must be EIP-55) in its EIP-55 form. */
  static String checksum(String address) {
    String digits =
        address.startsWith("0x") || address.startsWith("0X") ? address.substring(2) : address;
    return Address.fromHex("0x" + digits).toChecksumHex();
  }
}
