package io.proofmint.protocol.artifacts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves a {@link LocalArtifactStore} over HTTP (protocol.md section 12.2) with the JDK's server
 * and a small fixed thread pool: {@code GET|HEAD /artifacts/<kind>/<hex>} and {@code GET /health}.
 * {@link #start()} binds and returns the base URI; {@link #close()} stops listening, closes open
 * connections and ends the threads.
 */
public final class ArtifactServer implements AutoCloseable {

  private static final long CLOSE_WAIT_MILLIS = 2_000;

  private final ArtifactServerConfig config;
  private final ArtifactHandler handler;
  private HttpServer server;
  private ExecutorService executor;
  private URI baseUri;
  private boolean closed;

  public ArtifactServer(LocalArtifactStore store, ArtifactServerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.handler = new ArtifactHandler(Objects.requireNonNull(store, "store"));
  }

  /** Creates a server for {@code store} and starts it. */
  public static ArtifactServer start(LocalArtifactStore store, ArtifactServerConfig config)
      throws IOException {
    ArtifactServer server = new ArtifactServer(store, config);
    server.start();
    return server;
  }

  /**
   * Binds and starts serving.
   *
   * @return the base URI, e.g. {@code http://127.0.0.1:43117}
   */
  public synchronized URI start() throws IOException {
    if (closed) {
      throw new IllegalStateException("artifact server: already closed");
    }
    if (server != null) {
      return baseUri;
    }
    HttpServer created =
        HttpServer.create(new InetSocketAddress(config.bindAddress(), config.port()), 0);
    AtomicInteger threadCount = new AtomicInteger();
    int port = created.getAddress().getPort();
    ThreadFactory threads =
        runnable -> {
          Thread thread =
              new Thread(
                  runnable, "artifact-server-%d-%d".formatted(port, threadCount.incrementAndGet()));
          thread.setDaemon(true);
          return thread;
        };
    executor = Executors.newFixedThreadPool(config.threads(), threads);
    created.setExecutor(executor);
    created.createContext("/", handler);
    created.start();
    server = created;
    baseUri = uriOf(created.getAddress());
    return baseUri;
  }

  /** The base URI to put in a locator when clients reach the server at its bind address. */
  public synchronized URI baseUri() {
    if (baseUri == null) {
      throw new IllegalStateException("artifact server: not started");
    }
    return baseUri;
  }

  public ArtifactServerStats stats() {
    return handler.stats();
  }

  /** The last exception a request failed with, if any: the server has no logger to report it. */
  public Optional<Throwable> lastFailure() {
    return handler.lastFailure();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (server == null) {
      return;
    }
    server.stop(0);
    executor.shutdown();
    try {
      if (!executor.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static URI uriOf(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    if (address.getAddress() instanceof Inet6Address) {
      int zone = host.indexOf('%');
      host = "[" + (zone < 0 ? host : host.substring(0, zone)) + "]";
    }
    return URI.create("http://%s:%d".formatted(host, address.getPort()));
  }

  @Override
  public String toString() {
    return "ArtifactServer[%s]".formatted(baseUri == null ? config : baseUri);
  }
}
