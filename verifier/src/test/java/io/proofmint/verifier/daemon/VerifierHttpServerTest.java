package io.proofmint.verifier.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.protocol.attest.Attestation;
import io.proofmint.protocol.attest.Eip712Domain;
import io.proofmint.protocol.attest.Verdict;
import io.proofmint.protocol.commit.SegmentLeaf;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.wrappers.attest.AttestationSigner;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

class VerifierHttpServerTest {

  private static final Credentials KEY = Credentials.create(ECKeyPair.create(BigInteger.TEN));
  private static final Eip712Domain DOMAIN =
      Eip712Domain.of(31337, Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3"));

  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<byte[]> get(URI base, String path, String method) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(base + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static OwnVerdict fraud() {
    Attestation a =
        Attestation.fraud(
            BigInteger.valueOf(7), Keccak.hashUtf8("root"), Keccak.hashUtf8("seed"), 3);
    SegmentLeaf leaf =
        SegmentLeaf.of(
            3,
            Keccak.hashUtf8("a"),
            Keccak.hashUtf8("b"),
            Keccak.hashUtf8("c"),
            Keccak.hashUtf8("d"));
    return new OwnVerdict(
        a, new AttestationSigner(KEY).sign(a, DOMAIN), leaf, List.of(), "END_HASH_MISMATCH");
  }

  @Test
  void serves_attestationsMetricsAndHealth() throws Exception {
    AttestationBook book = new AttestationBook();
    OwnVerdict own = fraud();
    book.put(own);
    VerifierMetrics metrics = new VerifierMetrics(new PrometheusRegistry());
    metrics.segmentReplayed("MATCH", Duration.ofMillis(30));
    metrics.segmentReplayed("END_HASH_MISMATCH", Duration.ofSeconds(2));
    metrics.verdictSigned(Verdict.FRAUD);
    metrics.lag(4);
    AtomicBoolean healthy = new AtomicBoolean(true);
    try (VerifierHttpServer server =
        VerifierHttpServer.start(
            new InetSocketAddress("127.0.0.1", 0), book, metrics, healthy::get)) {
      URI base = server.baseUri();

      HttpResponse<byte[]> found = get(base, "/attestations/7", "GET");
      assertThat(found.statusCode()).isEqualTo(200);
      AttestationWire.Received received = AttestationWire.decode(found.body());
      assertThat(received.attestation()).isEqualTo(own.attestation());
      assertThat(received.signature()).isEqualTo(own.signature());
      assertThat(SignatureCheck.isValid(received.signature(), own.attestation().digest(DOMAIN)))
          .isTrue();
      assertThat(get(base, "/attestations/8", "GET").statusCode()).isEqualTo(404);
      assertThat(get(base, "/attestations/x", "GET").statusCode()).isEqualTo(404);
      assertThat(get(base, "/attestations/7", "POST").statusCode()).isEqualTo(405);

      HttpResponse<byte[]> scrape = get(base, "/metrics", "GET");
      assertThat(scrape.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(new String(scrape.body(), StandardCharsets.UTF_8).lines())
          .contains(
              "proofmint_verifier_segments_replayed_total{reason=\"MATCH\"} 1.0",
              "proofmint_verifier_verdicts_total{verdict=\"FRAUD\"} 1.0",
              "proofmint_verifier_verdicts_total{verdict=\"VALID\"} 0.0",
              "proofmint_verifier_replay_seconds_bucket{le=\"0.05\"} 1",
              "proofmint_verifier_replay_seconds_bucket{le=\"2.5\"} 2",
              "proofmint_verifier_replay_seconds_count 2",
              "proofmint_verifier_lag_blocks 4.0",
              "# TYPE proofmint_verifier_replay_seconds histogram");

      assertThat(get(base, "/health", "GET").statusCode()).isEqualTo(200);
      healthy.set(false);
      assertThat(get(base, "/health", "GET").statusCode()).isEqualTo(503);
    }
  }

  @Test
  void signatureCheck_rejectsAnotherSignerOrDigest() {
    OwnVerdict own = fraud();
    var digest = own.attestation().digest(DOMAIN);
    assertThat(SignatureCheck.isValid(own.signature(), digest)).isTrue();
    assertThat(SignatureCheck.isValid(own.signature(), Keccak.hashUtf8("other"))).isFalse();
    var claimedByOther =
        new io.proofmint.wrappers.attest.SignedAttestation(
            Address.fromHex("0x" + "12".repeat(20)), own.signature().signature());
    assertThat(SignatureCheck.isValid(claimedByOther, digest)).isFalse();
  }
}
