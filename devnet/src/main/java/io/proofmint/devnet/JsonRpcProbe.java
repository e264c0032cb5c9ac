package io.proofmint.devnet;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Waits until a freshly started node answers {@code eth_chainId}, or says why it did not. */
final class JsonRpcProbe {

  private static final Pattern RESULT = Pattern.compile("\"result\"\\s*:\\s*\"0x([0-9a-fA-F]+)\"");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private JsonRpcProbe() {}

  static long awaitChainId(int port, Process process, Path logFile, Duration timeout)
      throws IOException {
    URI url = URI.create("http://127.0.0.1:" + port);
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      if (!process.isAlive()) {
        throw new IOException(
            "node exited with code "
                + process.exitValue()
                + " before answering on "
                + url
                + "; last lines of "
                + logFile
                + ":\n"
                + tail(logFile, 15));
      }
      Long chainId = chainId(url);
      if (chainId != null) {
        return chainId;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IOException(
            "node did not answer eth_chainId on "
                + url
                + " within "
                + timeout.toSeconds()
                + " s; last lines of "
                + logFile
                + ":\n"
                + tail(logFile, 15));
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted waiting for " + url);
      }
    }
  }

  /** The chain id the node at {@code url} reports, or null if it does not answer (yet). */
  static Long chainId(URI url) {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(2))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
            .build();
    try {
      String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
      Matcher m = RESULT.matcher(body);
      return m.find() ? Long.parseLong(m.group(1), 16) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  static boolean logMentions(Path logFile, String text) {
    return tail(logFile, 50).contains(text);
  }

  static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
