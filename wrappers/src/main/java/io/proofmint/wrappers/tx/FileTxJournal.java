package io.proofmint.wrappers.tx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proofmint.protocol.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * A journal of one pending transaction in one JSON file: written atomically (a reader sees the old
 * file or the new one, never half of one) before the transaction goes to the node, and deleted once
 * it is settled. Recording another transaction replaces the file. The file holds the subject's
 * fields, then {@code txHash}, {@code nonce} and the signed {@code raw} bytes, so the very
 * transaction can be sent again.
 */
public final class FileTxJournal<M> implements TxJournal<M, IOException> {

  /** How a subject is written as named string fields, and read back. */
  public interface SubjectCodec<M> {
    /** The subject's field names, in file order. */
    List<String> fields();

    Map<String, String> write(M subject);

    /** Reads what {@link #write} wrote; throws a runtime exception on a malformed value. */
    M read(Map<String, String> fields);
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final List<String> TX_FIELDS = List.of("txHash", "nonce", "raw");

  private final Path file;
  private final String name;
  private final SubjectCodec<M> codec;

  /**
   * @param name what the journal holds, for messages ("pending commit")
   */
  public FileTxJournal(Path file, String name, SubjectCodec<M> codec) {
    this.file = file;
    this.name = name;
    this.codec = codec;
  }

  public Path file() {
    return file;
  }

  @Override
  public void record(JournaledTx<M> tx) throws IOException {
    ObjectNode json = JSON.createObjectNode();
    Map<String, String> fields = codec.write(tx.subject());
    for (String field : codec.fields()) {
      json.put(field, fields.get(field));
    }
    json.put("txHash", tx.hash());
    json.put("nonce", tx.nonce());
    json.put("raw", tx.signed().raw());
    AtomicFiles.writeString(file, JSON.writeValueAsString(json) + "\n");
  }

  /** Deletes the file: whatever the fate, nothing is pending any more. */
  @Override
  public void settle(JournaledTx<M> tx, TxFate fate, TransactionReceipt receipt, String why)
      throws IOException {
    clear();
  }

  @Override
  public List<JournaledTx<M>> unresolved() throws IOException {
    return read().stream().toList();
  }

  /** The journaled transaction, or empty when there is none. */
  public Optional<JournaledTx<M>> read() throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      JsonNode json = JSON.readTree(Files.readString(file));
      Set<String> expected = new LinkedHashSet<>(codec.fields());
      expected.addAll(TX_FIELDS);
      Set<String> present = new LinkedHashSet<>();
      for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
        present.add(it.next());
      }
      if (!present.equals(expected)) {
        throw new IllegalArgumentException("expected fields " + expected + ", got " + present);
      }
      Map<String, String> fields = new LinkedHashMap<>();
      for (String field : codec.fields()) {
        fields.put(field, text(json, field));
      }
      JsonNode nonce = json.get("nonce");
      if (!nonce.canConvertToExactIntegral() || !nonce.canConvertToLong()) {
        throw new IllegalArgumentException("nonce: expected an integer, got " + nonce);
      }
      return Optional.of(
          new JournaledTx<>(
              text(json, "txHash"), nonce.asLong(), text(json, "raw"), codec.read(fields)));
    } catch (IOException | RuntimeException e) {
      throw new IOException(
          name
              + " journal "
              + file
              + " is not valid ("
              + e.getMessage()
              + "); it is written atomically, so something else changed it",
          e);
    }
  }

  /** Removes the journal, if there is one. */
  public void clear() throws IOException {
    Files.deleteIfExists(file);
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (!value.isTextual()) {
      throw new IllegalArgumentException(field + ": expected a string, got " + value);
    }
    return value.asText();
  }
}
