package io.proofmint.verifier.daemon;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Asks every peer's {@code GET <base>/attestations/<taskId>} at once, asynchronously. */
public final class HttpPeerAttestations implements PeerAttestations {

  private static final Logger LOG = LoggerFactory.getLogger(HttpPeerAttestations.class);

  private final List<URI> peers;
  private final HttpClient client;
  private final Duration timeout;

  /**
   * @param peers base URLs of the other verifiers, e.g. {@code http://10.0.0.2:9650}
   */
  public HttpPeerAttestations(List<URI> peers, HttpClient client, Duration timeout) {
    this.peers = List.copyOf(peers);
    this.client = client;
    this.timeout = timeout;
  }

  @Override
  public CompletableFuture<List<AttestationWire.Received>> fetch(BigInteger taskId) {
    List<CompletableFuture<Optional<AttestationWire.Received>>> calls = new ArrayList<>();
    for (URI peer : peers) {
      calls.add(fetchOne(peer, taskId));
    }
    return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> calls.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList());
  }

  private CompletableFuture<Optional<AttestationWire.Received>> fetchOne(
      URI peer, BigInteger taskId) {
    URI uri = URI.create(stripSlash(peer.toString()) + "/attestations/" + taskId);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(response -> parse(uri, response))
        .exceptionally(
            e -> {
              LOG.debug("peer {} did not answer for task {}: {}", peer, taskId, e.toString());
              return Optional.empty();
            });
  }

  private static Optional<AttestationWire.Received> parse(URI uri, HttpResponse<byte[]> response) {
    if (response.statusCode() != 200) {
      LOG.debug("peer {}: HTTP {}", uri, response.statusCode());
      return Optional.empty();
    }
    try {
      return Optional.of(AttestationWire.decode(response.body()));
    } catch (IOException e) {
      LOG.warn("peer {} served an unreadable attestation: {}", uri, e.getMessage());
      return Optional.empty();
    }
  }

  private static String stripSlash(String base) {
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
