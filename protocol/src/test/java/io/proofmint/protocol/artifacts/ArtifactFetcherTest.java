package io.proofmint.protocol.artifacts;

import static io.proofmint.protocol.artifacts.ArtifactTestSupport.filesUnder;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.artifacts.ArtifactTestSupport.RecordingSleeper;
import io.proofmint.protocol.artifacts.ArtifactTestSupport.ScriptedServer;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.io.HashMismatchException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class ArtifactFetcherTest {

  private static final byte[] BYTES = "the artifact".getBytes(StandardCharsets.UTF_8);
  private static final Hash32 HASH = Keccak.hash(BYTES);
  private static final FetchPolicy POLICY =
      FetchPolicy.defaults()
          .withMaxAttempts(4)
          .withBackoff(Duration.ofMillis(100), Duration.ofMillis(300))
          .withRequestTimeout(Duration.ofSeconds(5));

  @TempDir Path dir;
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private HttpClient client;
  private LocalArtifactStore cache;

  @BeforeEach
  void createClient() {
    client = ArtifactFetcher.newHttpClient(POLICY);
    cache = new LocalArtifactStore(dir.resolve("cache"));
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  private ArtifactFetcher fetcher(URI base) {
    return new ArtifactFetcher(base, cache, client, POLICY, sleeper);
  }

  @Test
  void fetch_downloadsVerifiesAndCachesAndDoesNotFetchACachedArtifactAgain() throws IOException {
    LocalArtifactStore served = new LocalArtifactStore(dir.resolve("served"));
    served.put(ArtifactKind.BLOB, BYTES);
    try (ArtifactServer server = ArtifactServer.start(served, ArtifactServerConfig.loopback())) {
      ArtifactFetcher fetcher = fetcher(server.baseUri());

      Path first = fetcher.fetch(ArtifactKind.BLOB, HASH);
      Path second = fetcher.fetch(ArtifactKind.BLOB, HASH);

      assertThat(first).isEqualTo(cache.location(ArtifactKind.BLOB, HASH)).hasBinaryContent(BYTES);
      assertThat(second).isEqualTo(first);
      assertThat(server.stats().requests()).isEqualTo(1);
      assertThat(sleeper.waits).isEmpty();
    }
  }

  @Test
  void fetch_withAVerifyingCache_downloadsADamagedCachedCopyAgainAndReplacesIt()
      throws IOException {
    LocalArtifactStore verifying =
        new LocalArtifactStore(
            cache.root(), CheckpointHasher.sequential(), LocalArtifactStore.ReadCheck.VERIFY);
    Path damaged = verifying.location(ArtifactKind.BLOB, HASH);
    Files.createDirectories(damaged.getParent());
    Files.writeString(damaged, "damaged");
    try (ScriptedServer server =
        ScriptedServer.start((exchange, n) -> ScriptedServer.send(exchange, 200, BYTES))) {
      Path file =
          new ArtifactFetcher(server.baseUri(), verifying, client, POLICY, sleeper)
              .fetch(ArtifactKind.BLOB, HASH);

      assertThat(file).isEqualTo(damaged).hasBinaryContent(BYTES);
      assertThat(server.requests()).isEqualTo(1);
    }
  }

  @Test
  void fetch_rejectsABodyWithAnotherHashNamingUrlAndBothHashesAndCachesNothing()
      throws IOException {
    byte[] other = "other bytes".getBytes(StandardCharsets.UTF_8);
    try (ScriptedServer server =
        ScriptedServer.start((exchange, n) -> ScriptedServer.send(exchange, 200, other))) {
      ArtifactFetcher fetcher = fetcher(server.baseUri());
      URI uri = fetcher.uriOf(ArtifactKind.BLOB, HASH);

      assertThatThrownBy(() -> fetcher.fetch(ArtifactKind.BLOB, HASH))
          .isInstanceOfSatisfying(
              HashMismatchException.class,
              e -> {
                assertThat(e.source()).contains(uri);
                assertThat(e.expected()).isEqualTo(HASH);
                assertThat(e.actual()).isEqualTo(Keccak.hash(other));
              })
          .hasMessage(
              "blob artifact %s: expected hash %s, got %s"
                  .formatted(uri, HASH, Keccak.hash(other)));
      assertThat(filesUnder(cache.root())).isEmpty();
      assertThat(cache.contains(ArtifactKind.BLOB, HASH)).isFalse();
      assertThat(server.requests()).isEqualTo(1);
    }
  }

  @Test
  void fetch_checksACheckpointAgainstItsCheckpointHashNotItsKeccak() throws IOException {
    try (ScriptedServer server =
        ScriptedServer.start((exchange, n) -> ScriptedServer.send(exchange, 200, BYTES))) {
      // The keccak of the bytes is not their address as a checkpoint.
      assertThatThrownBy(() -> fetcher(server.baseUri()).fetch(ArtifactKind.CHECKPOINT, HASH))
          .isInstanceOfSatisfying(
              HashMismatchException.class,
              e ->
                  assertThat(e.actual())
                      .isEqualTo(CheckpointHasher.sequential().hash(BYTES))
                      .isNotEqualTo(HASH));
    }
  }

  @Test
  void fetch_failsAtOnceOn404WithTheUrl() throws IOException {
    LocalArtifactStore empty = new LocalArtifactStore(dir.resolve("empty"));
    try (ArtifactServer server = ArtifactServer.start(empty, ArtifactServerConfig.loopback())) {
      ArtifactFetcher fetcher = fetcher(server.baseUri());
      URI uri = fetcher.uriOf(ArtifactKind.BLOB, HASH);

      assertThatThrownBy(() -> fetcher.fetch(ArtifactKind.BLOB, HASH))
          .isInstanceOfSatisfying(
              ArtifactNotFoundException.class,
              e -> {
                assertThat(e.uri()).isEqualTo(uri);
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.attempts()).isEqualTo(1);
              })
          .hasMessage("artifact %s: expected the artifact, got 404 Not Found".formatted(uri));
      assertThat(server.stats().requests()).isEqualTo(1);
      assertThat(sleeper.waits).isEmpty();
      assertThat(filesUnder(cache.root())).isEmpty();
    }
  }

  @Test
  void fetch_retriesATransient503AndThenSucceeds() throws IOException {
    try (ScriptedServer server =
        ScriptedServer.start(
            (exchange, n) ->
                ScriptedServer.send(exchange, n == 1 ? 503 : 200, n == 1 ? new byte[0] : BYTES))) {
      Path file = fetcher(server.baseUri()).fetch(ArtifactKind.BLOB, HASH);

      assertThat(file).hasBinaryContent(BYTES);
      assertThat(server.requests()).isEqualTo(2);
      assertThat(sleeper.waits).containsExactly(Duration.ofMillis(100));
    }
  }

  @Test
  void fetch_givesUpAfterMaxAttemptsWithBoundedExponentialBackoff() throws IOException {
    try (ScriptedServer server =
        ScriptedServer.start(
            (exchange, n) ->
                ScriptedServer.send(exchange, 503, "busy".getBytes(StandardCharsets.UTF_8)))) {
      ArtifactFetcher fetcher = fetcher(server.baseUri());

      assertThatThrownBy(() -> fetcher.fetch(ArtifactKind.BLOB, HASH))
          .isInstanceOfSatisfying(
              ArtifactFetchException.class,
              e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.attempts()).isEqualTo(4);
              })
          .hasMessageContaining("got HTTP 503 after 4 attempts")
          .hasMessageContaining(fetcher.uriOf(ArtifactKind.BLOB, HASH).toString());
      assertThat(server.requests()).isEqualTo(4);
      assertThat(sleeper.waits)
          .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300));
    }
  }

  @Test
  void fetch_retriesConnectionErrorsThenFailsNamingTheCause() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, ArtifactServerConfig.LOOPBACK)) {
      port = socket.getLocalPort();
    }
    ArtifactFetcher fetcher = fetcher(URI.create("http://127.0.0.1:" + port));

    assertThatThrownBy(() -> fetcher.fetch(ArtifactKind.BLOB, HASH))
        .isInstanceOfSatisfying(
            ArtifactFetchException.class,
            e -> {
              assertThat(e.status()).isEqualTo(-1);
              assertThat(e.attempts()).isEqualTo(4);
              assertThat(e.getCause()).isInstanceOf(ConnectException.class);
            });
    assertThat(sleeper.waits).hasSize(3);
    assertThat(filesUnder(cache.root())).isEmpty();
  }

  @Test
  void fetch_failsAtOnceOnAnotherClientError() throws IOException {
    try (ScriptedServer server =
        ScriptedServer.start((exchange, n) -> ScriptedServer.send(exchange, 403, new byte[0]))) {
      assertThatThrownBy(() -> fetcher(server.baseUri()).fetch(ArtifactKind.BLOB, HASH))
          .isInstanceOfSatisfying(
              ArtifactFetchException.class, e -> assertThat(e.status()).isEqualTo(403))
          .hasMessageEndingWith("expected 200, got HTTP 403");
      assertThat(server.requests()).isEqualTo(1);
    }
  }

  @Test
  void fetch_rejectsABodyAboveTheSizeLimitWithoutRetrying() throws IOException {
    FetchPolicy small = POLICY.withMaxBytes(4);
    try (ScriptedServer server =
        ScriptedServer.start((exchange, n) -> ScriptedServer.send(exchange, 200, BYTES))) {
      ArtifactFetcher fetcher =
          new ArtifactFetcher(server.baseUri(), cache, client, small, sleeper);

      assertThatThrownBy(() -> fetcher.fetch(ArtifactKind.BLOB, HASH))
          .isInstanceOf(ArtifactFetchException.class)
          .hasMessageEndingWith("expected at most 4 bytes, got more");
      assertThat(server.requests()).isEqualTo(1);
      assertThat(filesUnder(cache.root())).isEmpty();
    }
  }

  @Test
  void backoff_doublesFromTheInitialWaitUpToTheMaximum() {
    FetchPolicy policy = FetchPolicy.defaults();
    assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(250));
    assertThat(policy.backoff(3)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoff(6)).isEqualTo(Duration.ofSeconds(8));
    assertThat(policy.backoff(100)).isEqualTo(Duration.ofSeconds(8));
  }
}
