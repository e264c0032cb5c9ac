package io.proofmint.protocol.artifacts;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.io.HashMismatchException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Downloads artifacts from an artifact server (protocol.md section 12.2) into a local cache store,
 * and checks every byte: the body goes to a temporary file in the cache, is hashed on the way, and
 * only takes its address if it hashes to the requested one (section 12.4). An artifact already in
 * the cache is not fetched again. Connection errors, timeouts, {@code 408}, {@code 429} and {@code
 * 5xx} are retried as the {@link FetchPolicy} says; {@code 404}, other statuses and a body with
 * another hash fail at once. With a {@link LocalArtifactStore.ReadCheck#VERIFY verifying} cache, a
 * cached copy that no longer hashes right is downloaded again and replaced. Thread-safe.
 */
public final class ArtifactFetcher {

  private final URI baseUri;
  private final LocalArtifactStore cache;
  private final HttpClient client;
  private final FetchPolicy policy;
  private final Sleeper sleeper;

  /**
   * @param baseUri the server, e.g. {@code http://127.0.0.1:8080}; no trailing slash
   * @param cache where fetched artifacts are kept
   * @param client the caller's client, which the caller closes; see {@link #newHttpClient}
   */
  public ArtifactFetcher(
      URI baseUri,
      LocalArtifactStore cache,
      HttpClient client,
      FetchPolicy policy,
      Sleeper sleeper) {
    this.baseUri = ArtifactLocator.checkBaseUri(baseUri);
    this.cache = Objects.requireNonNull(cache, "cache");
    this.client = Objects.requireNonNull(client, "client");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** A client for artifact fetching: HTTP/1.1, the policy's connect timeout, normal redirects. */
  public static HttpClient newHttpClient(FetchPolicy policy) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(policy.requestTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /** The same fetcher (cache, client, policy, sleeper) for another server. */
  public ArtifactFetcher withBaseUri(URI otherBaseUri) {
    return new ArtifactFetcher(otherBaseUri, cache, client, policy, sleeper);
  }

  public URI baseUri() {
    return baseUri;
  }

  public LocalArtifactStore cache() {
    return cache;
  }

  public URI uriOf(ArtifactKind kind, Hash32 hash) {
    return ArtifactHttp.artifactUri(baseUri, ArtifactId.of(kind, hash));
  }

  /**
   * The cached file of the artifact, downloaded first unless the cache holds it.
   *
   * @throws HashMismatchException naming the URL, the expected and the actual hash, when the server
   *     sent other bytes; nothing is cached then
   * @throws ArtifactNotFoundException when the server answers {@code 404}
   * @throws ArtifactFetchException on another status, a body above {@link FetchPolicy#maxBytes}, or
   *     when every attempt failed
   */
  public Path fetch(ArtifactKind kind, Hash32 hash) throws IOException {
    Optional<Path> cached;
    try {
      cached = cache.path(kind, hash);
    } catch (HashMismatchException damaged) {
      // A verifying cache found its copy damaged: download it again; the commit replaces it.
      cached = Optional.empty();
    }
    if (cached.isPresent()) {
      return cached.get();
    }
    URI uri = uriOf(kind, hash);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(policy.requestTimeout())
            .header("Accept", ArtifactHttp.CONTENT_TYPE)
            .GET()
            .build();
    for (int attempt = 1; ; attempt++) {
      IOException failure;
      int status = -1;
      try {
        return download(kind, hash, uri, request, attempt);
      } catch (RetryableStatus e) {
        failure = e;
        status = e.status;
      } catch (HashMismatchException | ArtifactFetchException e) {
        throw e;
      } catch (IOException e) { // connection refused or reset, timeout, truncated body
        if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
          throw e;
        }
        failure = e;
      }
      if (attempt >= policy.maxAttempts()) {
        throw new ArtifactFetchException(
            uri,
            status,
            attempt,
            "expected the artifact, got %s after %d attempts".formatted(describe(failure), attempt),
            failure instanceof RetryableStatus ? null : failure);
      }
      sleep(uri, policy.backoff(attempt));
    }
  }

  private Path download(ArtifactKind kind, Hash32 hash, URI uri, HttpRequest request, int attempt)
      throws IOException {
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("artifact %s: interrupted".formatted(uri));
    }
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status == 200) {
        return store(kind, hash, uri, new Bounded(body, policy.maxBytes(), uri, attempt));
      }
      if (status == 404) {
        throw new ArtifactNotFoundException(uri, attempt);
      }
      if (status == 408 || status == 429 || status >= 500) {
        throw new RetryableStatus(status);
      }
      throw new ArtifactFetchException(
          uri, status, attempt, "expected 200, got HTTP %d".formatted(status), null);
    }
  }

  private Path store(ArtifactKind kind, Hash32 expected, URI uri, InputStream body)
      throws IOException {
    try (LocalArtifactStore.Staged staged = cache.stage(kind, body)) {
      if (!staged.hash().equals(expected)) {
        throw new HashMismatchException(kind.dirName() + " artifact", uri, expected, staged.hash());
      }
      return staged.commit();
    }
  }

  private void sleep(URI uri, Duration wait) throws InterruptedIOException {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("artifact %s: interrupted between retries".formatted(uri));
    }
  }

  private static String describe(IOException failure) {
    return failure instanceof RetryableStatus retryable
        ? "HTTP " + retryable.status
        : failure.getClass().getSimpleName()
            + (failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")");
  }

  @Override
  public String toString() {
    return "ArtifactFetcher[%s -> %s]".formatted(baseUri, cache.root());
  }

  /** A status worth another attempt; only ever seen inside {@link #fetch}. */
  private static final class RetryableStatus extends IOException {
    private final int status;

    RetryableStatus(int status) {
      super("HTTP " + status);
      this.status = status;
    }
  }

  /** Fails a body longer than the policy allows, without a retry. */
  private static final class Bounded extends FilterInputStream {
    private final long limit;
    private final URI uri;
    private final int attempt;
    private long count;

    Bounded(InputStream in, long limit, URI uri, int attempt) {
      super(in);
      this.limit = limit;
      this.uri = uri;
      this.attempt = attempt;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws ArtifactFetchException {
      count += n;
      if (count > limit) {
        throw new ArtifactFetchException(
            uri, 200, attempt, "expected at most %d bytes, got more".formatted(limit), null);
      }
    }
  }
}
