package io.proofmint.verifier.daemon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verifier's HTTP endpoint (JDK {@code HttpServer}, a small fixed thread pool):
 *
 * <ul>
 *   <li>{@code GET /attestations/<taskId>}: this verifier's signed verdict ({@link
 *       AttestationWire}), 404 until it has one;
 *   <li>{@code GET /metrics}: the Prometheus text format 0.0.4 of the registry that holds the
 *       {@link VerifierMetrics}, written by the Prometheus client's {@link
 *       PrometheusTextFormatWriter};
 *   <li>{@code GET /health}: {@code 200 ok} while chain polls succeed, {@code 503} otherwise.
 * </ul>
 */
public final class VerifierHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(VerifierHttpServer.class);
  private static final Pattern ATTESTATION = Pattern.compile("/attestations/([0-9]{1,78})");
  private static final PrometheusTextFormatWriter METRICS = PrometheusTextFormatWriter.create();

  private final HttpServer server;
  private final ExecutorService threads;

  private VerifierHttpServer(HttpServer server, ExecutorService threads) {
    this.server = server;
    this.threads = threads;
  }

  /**
   * Binds {@code address} (port 0 picks a free one) and starts serving.
   *
   * @param healthy whether the daemon's polls succeed
   */
  public static VerifierHttpServer start(
      InetSocketAddress address,
      AttestationBook book,
      VerifierMetrics metrics,
      BooleanSupplier healthy)
      throws IOException {
    HttpServer server = HttpServer.create(address, 32);
    ExecutorService threads =
        Executors.newFixedThreadPool(
            2, Thread.ofPlatform().name("verifier-http-", 1).daemon().factory());
    server.setExecutor(threads);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            handle(exchange, book, metrics, healthy);
          } catch (IOException | RuntimeException e) {
            LOG.warn(
                "HTTP {} {}: {}",
                exchange.getRequestMethod(),
                exchange.getRequestURI(),
                e.toString());
          }
        });
    server.start();
    VerifierHttpServer started = new VerifierHttpServer(server, threads);
    LOG.info("verifier endpoint on {}", started.baseUri());
    return started;
  }

  public URI baseUri() {
    InetSocketAddress bound = server.getAddress();
    String host = bound.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + bound.getPort());
  }

  private static void handle(
      HttpExchange exchange, AttestationBook book, VerifierMetrics metrics, BooleanSupplier healthy)
      throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    if (!"GET".equals(exchange.getRequestMethod())) {
      exchange.getResponseHeaders().set("Allow", "GET");
      reply(exchange, 405, "text/plain", "method not allowed\n");
      return;
    }
    Matcher m = ATTESTATION.matcher(path);
    if (m.matches()) {
      Optional<OwnVerdict> own = book.get(new BigInteger(m.group(1)));
      if (own.isEmpty()) {
        reply(exchange, 404, "text/plain", "no attestation for task " + m.group(1) + "\n");
      } else {
        reply(exchange, 200, "application/json", AttestationWire.encode(own.get()));
      }
    } else if (path.equals("/metrics")) {
      reply(exchange, 200, METRICS.getContentType(), render(metrics.registry()));
    } else if (path.equals("/health")) {
      boolean ok = healthy.getAsBoolean();
      reply(exchange, ok ? 200 : 503, "text/plain", ok ? "ok\n" : "chain polls failing\n");
    } else {
      reply(exchange, 404, "text/plain", "not found\n");
    }
  }

  /** The text format of every metric in {@code registry}, as {@code GET /metrics} serves it. */
  static byte[] render(PrometheusRegistry registry) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    METRICS.write(out, registry.scrape());
    return out.toByteArray();
  }

  private static void reply(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    reply(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void reply(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
