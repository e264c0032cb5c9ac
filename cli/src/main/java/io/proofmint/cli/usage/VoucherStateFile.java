package io.proofmint.cli.usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proofmint.protocol.crypto.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The file of one channel's {@link VoucherState}: {@code
 * <dir>/<chain>-<escrow>-<model>-<user>.json} (addresses in lower-case hex), readable by its owner
 * only (0600, the directory 0700). A write goes to a temporary file in the same directory, is
 * forced to disk, and replaces the file by an atomic rename, so a crash leaves the old state or the
 * new one, never a torn file. The state only grows: a write that would lower an amount on disk is
 * refused.
 */
final class VoucherStateFile {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Set<PosixFilePermission> OWNER_FILE =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR =
      PosixFilePermissions.fromString("rwx------");

  private final Path file;
  private final long chainId;
  private final Address escrow;
  private final Address model;
  private final Address user;

  VoucherStateFile(Path dir, long chainId, Address escrow, Address model, Address user) {
    this.chainId = chainId;
    this.escrow = escrow;
    this.model = model;
    this.user = user;
    this.file =
        dir.resolve(
            (chainId + "-" + escrow.toHex() + "-" + model.toHex() + "-" + user.toHex())
                    .toLowerCase(Locale.ROOT)
                + ".json");
  }

  Path path() {
    return file;
  }

  /** The recorded state, or empty if this channel has no file (never used here, or lost). */
  Optional<VoucherState> read() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonNode root = JSON.readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new IOException("voucher state " + file + ": expected a JSON object");
    }
    check(root, "chainId", Long.toString(chainId));
    check(root, "escrow", escrow.toHex());
    check(root, "modelToken", model.toHex());
    check(root, "user", user.toHex());
    try {
      return Optional.of(
          new VoucherState(
              new BigInteger(root.path("signed").asText()),
              new BigInteger(root.path("confirmed").asText())));
    } catch (IllegalArgumentException e) {
      throw new IOException("voucher state " + file + ": " + e.getMessage(), e);
    }
  }

  /** The recorded state, else {@link VoucherState#EMPTY}. */
  VoucherState readOrEmpty() throws IOException {
    return read().orElse(VoucherState.EMPTY);
  }

  /**
   * Atomically replaces the file with {@code state} (and {@code lastVoucher}, kept for the user to
   * inspect or hand over); refused if it would lower an amount the file holds.
   */
  void write(VoucherState state, ObjectNode lastVoucher) throws IOException {
    Optional<VoucherState> old = read();
    if (old.isPresent()
        && (state.signed().compareTo(old.get().signed()) < 0
            || state.confirmed().compareTo(old.get().confirmed()) < 0)) {
      throw new IllegalStateException(
          "voucher state "
              + file
              + ": amounts only grow; on disk "
              + old.get()
              + ", refused to write "
              + state);
    }
    Path dir = file.getParent();
    Files.createDirectories(dir);
    restrict(dir, OWNER_DIR);
    ObjectNode o = JSON.createObjectNode();
    o.put("chainId", Long.toString(chainId));
    o.put("escrow", escrow.toHex());
    o.put("modelToken", model.toHex());
    o.put("user", user.toHex());
    o.put("signed", state.signed().toString());
    o.put("confirmed", state.confirmed().toString());
    if (lastVoucher != null) {
      o.set("lastVoucher", lastVoucher);
    }
    Path tmp = Files.createTempFile(dir, ".voucher-", ".tmp");
    try {
      restrict(tmp, OWNER_FILE);
      try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(JSON.writeValueAsBytes(o));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException(
            "voucher state " + file + ": the file system cannot rename atomically", e);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The last voucher recorded, if any. */
  Optional<JsonNode> lastVoucher() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    JsonNode v = JSON.readTree(file.toFile()).get("lastVoucher");
    return Optional.ofNullable(v);
  }

  private void check(JsonNode root, String field, String expected) throws IOException {
    String got = root.path(field).asText();
    if (!got.equalsIgnoreCase(expected)) {
      throw new IOException(
          "voucher state " + file + ": expected " + field + " " + expected + ", got " + got);
    }
  }

  private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, permissions);
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): the user's profile directory protects it instead.
    }
  }
}
