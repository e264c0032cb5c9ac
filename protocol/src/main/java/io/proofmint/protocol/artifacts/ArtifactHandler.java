package io.proofmint.protocol.artifacts;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Answers the requests of protocol.md section 12.2 from a {@link LocalArtifactStore}. */
final class ArtifactHandler implements HttpHandler {

  private static final int MAX_ECHO = 160;

  private final LocalArtifactStore store;
  private final LongAdder requests = new LongAdder();
  private final LongAdder served = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final LongAdder notFound = new LongAdder();
  private final LongAdder badRequests = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final AtomicReference<Throwable> lastFailure = new AtomicReference<>();

  ArtifactHandler(LocalArtifactStore store) {
    this.store = store;
  }

  ArtifactServerStats stats() {
    return new ArtifactServerStats(
        requests.sum(),
        served.sum(),
        bytes.sum(),
        notFound.sum(),
        badRequests.sum(),
        failures.sum());
  }

  Optional<Throwable> lastFailure() {
    return Optional.ofNullable(lastFailure.get());
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    requests.increment();
    try (exchange) {
      respond(exchange);
    } catch (IOException | RuntimeException e) {
      failures.increment();
      lastFailure.set(e);
      throw e;
    }
  }

  private void respond(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    boolean head = method.equals("HEAD");
    if (!head && !method.equals("GET")) {
      badRequests.increment();
      exchange.getResponseHeaders().set("Allow", "GET, HEAD");
      sendText(exchange, head, 405, "method: expected GET or HEAD, got " + echo(method));
      return;
    }
    String path = exchange.getRequestURI().getRawPath();
    if (ArtifactHttp.HEALTH.equals(path)) {
      sendText(exchange, head, 200, "ok");
      return;
    }
    if (path == null || !path.startsWith(ArtifactHttp.ARTIFACTS_PREFIX)) {
      notFound.increment();
      sendText(exchange, head, 404, "path %s: no such resource".formatted(echo(path)));
      return;
    }
    Optional<ArtifactId> id = ArtifactHttp.parsePath(path);
    if (id.isEmpty()) {
      badRequests.increment();
      sendText(
          exchange,
          head,
          400,
          "path: expected /artifacts/<checkpoint|blob>/<64 lower-case hex digits>, got "
              + echo(path));
      return;
    }
    Optional<Path> file;
    try {
      file = store.path(id.get().kind(), id.get().hash());
    } catch (IOException e) { // with ReadCheck.VERIFY: the stored file is damaged
      failures.increment();
      lastFailure.set(e);
      sendText(exchange, head, 500, "artifact %s: cannot be served".formatted(id.get()));
      return;
    }
    if (file.isEmpty()) {
      notFound.increment();
      sendText(exchange, head, 404, "artifact %s: not in this store".formatted(id.get()));
      return;
    }
    sendArtifact(exchange, head, id.get(), file.get());
  }

  private void sendArtifact(HttpExchange exchange, boolean head, ArtifactId id, Path file)
      throws IOException {
    long size = Files.size(file);
    Headers headers = exchange.getResponseHeaders();
    headers.set("Content-Type", ArtifactHttp.CONTENT_TYPE);
    headers.set("ETag", ArtifactHttp.etag(id));
    headers.set("Cache-Control", "public, max-age=31536000, immutable");
    served.increment();
    if (head) {
      headers.set("Content-Length", Long.toString(size));
      exchange.sendResponseHeaders(200, -1);
      return;
    }
    // For the JDK server, 0 means "chunked" and -1 means "no body".
    exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
    try (InputStream in = Files.newInputStream(file);
        OutputStream out = exchange.getResponseBody()) {
      bytes.add(in.transferTo(out));
    }
  }

  private static void sendText(HttpExchange exchange, boolean head, int status, String text)
      throws IOException {
    byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    if (head) {
      exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** A request value quoted for a message, shortened. */
  private static String echo(String value) {
    if (value == null) {
      return "none";
    }
    String shown = value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO) + "...";
    return "'" + shown + "'";
  }
}
