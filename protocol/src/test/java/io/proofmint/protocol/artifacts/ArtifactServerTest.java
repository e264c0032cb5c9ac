package io.proofmint.protocol.artifacts;

import static io.proofmint.protocol.artifacts.ArtifactTestSupport.rawStatusLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
class ArtifactServerTest {

  private static final byte[] BYTES = "hello artifact".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private LocalArtifactStore store;
  private ArtifactServer server;
  private HttpClient client;
  private URI base;
  private Hash32 hash;

  @BeforeEach
  void startServer() throws IOException {
    store = new LocalArtifactStore(dir.resolve("store"));
    hash = store.put(ArtifactKind.BLOB, BYTES);
    server = ArtifactServer.start(store, ArtifactServerConfig.loopback().withThreads(2));
    base = server.baseUri();
    client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterEach
  void stopServer() {
    client.close();
    server.close();
  }

  private HttpResponse<byte[]> send(String method, String path)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(5))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private String blobPath(Hash32 h) {
    return "/artifacts/blob/" + h.toHex().substring(2);
  }

  @Test
  void start_bindsLoopbackOnAFreePort() {
    assertThat(base.getScheme()).isEqualTo("http");
    assertThat(base.getHost()).isEqualTo("127.0.0.1");
    assertThat(base.getPort()).isPositive();
    assertThat(base.getPath()).isEmpty();
  }

  @Test
  void get_servesTheStoredBytesWithLengthEtagAndContentType() throws Exception {
    HttpResponse<byte[]> response = send("GET", blobPath(hash));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(BYTES);
    assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(BYTES.length);
    assertThat(response.headers().firstValue("ETag")).hasValue("\"" + hash.toHex() + "\"");
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    assertThat(server.stats().artifactsServed()).isEqualTo(1);
  }

  @Test
  void head_sendsTheHeadersOfGetWithoutABody() throws Exception {
    HttpResponse<byte[]> response = send("HEAD", blobPath(hash));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(BYTES.length);
    assertThat(response.headers().firstValue("ETag")).hasValue("\"" + hash.toHex() + "\"");
  }

  @Test
  void get_servesAnEmptyArtifactWithLengthZero() throws Exception {
    Hash32 empty = store.put(ArtifactKind.BLOB, new byte[0]);
    HttpResponse<byte[]> response = send("GET", blobPath(empty));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(0);
  }

  @Test
  void getAndHead_answer404ForAnArtifactTheStoreDoesNotHold() throws Exception {
    Hash32 absent = Keccak.hashUtf8("absent");
    HttpResponse<byte[]> response = send("GET", blobPath(absent));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(new String(response.body(), StandardCharsets.UTF_8))
        .contains("blob/" + absent.toHex().substring(2));
    assertThat(send("HEAD", blobPath(absent)).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/artifacts/checkpoint/" + hash.toHex().substring(2)).statusCode())
        .isEqualTo(404);
    assertThat(server.stats().notFound()).isEqualTo(3);
  }

  @Test
  void malformedArtifactPaths_are400AndNeverReachFilesOutsideTheStore() throws Exception {
    Files.writeString(dir.resolve("secret"), "do not serve");
    String hex = hash.toHex().substring(2);
    for (String target :
        new String[] {
          "/artifacts/blob/../../secret",
          "/artifacts/blob/%2e%2e%2f%2e%2e%2fsecret",
          "/artifacts/blob/" + hex.toUpperCase(),
          "/artifacts/blob/0x" + hex,
          "/artifacts/blob/" + hex + "/",
          "/artifacts/other/" + hex,
          "/artifacts/blob/" + hex.substring(2)
        }) {
      assertThat(rawStatusLine(base, "GET", target))
          .as(target)
          .isEqualTo("HTTP/1.1 400 Bad Request");
    }
    assertThat(server.stats().badRequests()).isEqualTo(7);
    assertThat(server.stats().artifactsServed()).isZero();
  }

  @Test
  void otherMethods_are405WithAllowHeader() throws Exception {
    HttpResponse<byte[]> response = send("POST", blobPath(hash));

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void health_answersOkAndUnknownPathsAre404() throws Exception {
    HttpResponse<byte[]> health = send("GET", "/health");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(new String(health.body(), StandardCharsets.UTF_8)).isEqualTo("ok\n");
    assertThat(send("GET", "/").statusCode()).isEqualTo(404);
    assertThat(send("GET", "/artifactsblob").statusCode()).isEqualTo(404);
  }

  @Test
  void verifyingStore_answers500ForADamagedFileInsteadOfServingIt() throws Exception {
    LocalArtifactStore verifying =
        new LocalArtifactStore(
            store.root(),
            io.proofmint.protocol.checkpoint.CheckpointHasher.sequential(),
            LocalArtifactStore.ReadCheck.VERIFY);
    Files.writeString(store.location(ArtifactKind.BLOB, hash), "damaged");
    try (ArtifactServer checking =
        ArtifactServer.start(verifying, ArtifactServerConfig.loopback())) {
      base = checking.baseUri();
      assertThat(send("GET", blobPath(hash)).statusCode()).isEqualTo(500);
      assertThat(checking.stats().failures()).isEqualTo(1);
      assertThat(checking.lastFailure()).get().asString().contains("expected hash " + hash.toHex());
    }
  }

  @Test
  void close_stopsListening() throws Exception {
    server.close();

    assertThatThrownBy(() -> send("GET", "/health")).isInstanceOf(ConnectException.class);
  }
}
