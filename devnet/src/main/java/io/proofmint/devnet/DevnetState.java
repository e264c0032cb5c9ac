package io.proofmint.devnet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.proofmint.protocol.io.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The devnet `proofmint devnet up` left running, recorded so that `deploy`, `demo --rpc` and
 * `devnet down` find it.
 */
public record DevnetState(long pid, URI rpcUrl, long chainId, String logFile, String startedAt) {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

  public void write(Path file) throws IOException {
    AtomicFiles.writeString(file, JSON.writeValueAsString(this) + "\n");
  }

  public static Optional<DevnetState> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), DevnetState.class));
    } catch (IOException e) {
      throw new IOException(
          "devnet state " + file + " is not valid (" + e.getMessage() + "); delete it if stale", e);
    }
  }

  /** Whether the recorded process is still an anvil that is alive. */
  @JsonIgnore
  public boolean isRunning() {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .flatMap(h -> h.info().command())
        .map(command -> command.contains("anvil"))
        .orElse(false);
  }
}
