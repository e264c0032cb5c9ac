package io.proofmint.worker.role;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.io.AtomicFiles;
import io.proofmint.wrappers.TxSubmitter;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The trainer's journal of a commit transaction it signed: written (atomically) before the
 * transaction goes to the node and deleted once its receipt is known, so a run that lost the node
 * in between knows, when run again, which transaction may be on its way and waits for it (or sends
 * that very transaction again) instead of signing a second commit.
 */
public record PendingCommit(BigInteger taskId, Hash32 root, String txHash, long nonce, String raw) {

  /** The journal's file name in a task's working directory. */
  public static final String FILE = "commit-tx.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

  /** The file form. */
  record Json(String taskId, String root, String txHash, long nonce, String raw) {}

  public static PendingCommit of(BigInteger taskId, Hash32 root, TxSubmitter.Signed tx) {
    return new PendingCommit(taskId, root, tx.hash(), tx.nonce(), tx.raw());
  }

  public TxSubmitter.Signed signed() {
    return new TxSubmitter.Signed(txHash, nonce, raw);
  }

  public void write(Path file) throws IOException {
    Json json = new Json(taskId.toString(), root.toHex(), txHash, nonce, raw);
    AtomicFiles.writeString(file, JSON.writeValueAsString(json) + "\n");
  }

  /** The journaled commit, or empty when there is none. */
  public static Optional<PendingCommit> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      Json json = JSON.readValue(Files.readString(file), Json.class);
      return Optional.of(
          new PendingCommit(
              new BigInteger(json.taskId()),
              Hash32.fromHex(json.root()),
              json.txHash(),
              json.nonce(),
              json.raw()));
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          "pending commit journal "
              + file
              + " is not valid ("
              + e.getMessage()
              + "); it is written atomically, so something else changed it",
          e);
    }
  }

  public static void delete(Path file) throws IOException {
    Files.deleteIfExists(file);
  }
}
