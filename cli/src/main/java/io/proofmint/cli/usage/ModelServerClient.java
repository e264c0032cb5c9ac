package io.proofmint.cli.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.settlement.escrow.SignedVoucher;
import io.proofmint.settlement.serve.PredictApi;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client side of `proofmint serve` (docs/settlement.md, "API"): {@code GET /v1/model} for the
 * price and the EIP-712 domain, {@code POST /v1/predict} with features and a voucher, through the
 * JDK HTTP client and {@link PredictApi}'s JSON.
 */
final class ModelServerClient {

  /** What {@code GET /v1/model} says. */
  record Terms(
      Address modelToken,
      BigInteger price,
      Duration minVoucherLifetime,
      long chainId,
      Address escrow) {}

  /** A {@code POST /v1/predict} answer: a prediction (status 200), or the server's refusal. */
  record Answer(
      int status,
      int label,
      float[] scores,
      BigInteger cumulative,
      BigInteger previous,
      String error,
      String reason,
      String message) {

    boolean paid() {
      return status == 200;
    }

    /**
     * For a NOT_INCREASED refusal, the amount the server asks for: "expected cumulativeAmount >= N"
     * (VoucherVerifier), or one price above "(cumulative C)" (a concurrent call won).
     */
    Optional<BigInteger> required(BigInteger price) {
      if (!"NOT_INCREASED".equals(reason) || message == null) {
        return Optional.empty();
      }
      Matcher m = REQUIRED.matcher(message);
      if (m.find()) {
        return Optional.of(new BigInteger(m.group(1)));
      }
      Matcher c = HELD.matcher(message);
      return c.find() ? Optional.of(new BigInteger(c.group(1)).add(price)) : Optional.empty();
    }
  }

  private static final Pattern REQUIRED = Pattern.compile("cumulativeAmount >= (\\d+)");
  private static final Pattern HELD = Pattern.compile("\\(cumulative (\\d+)\\)");

  private final URI server;
  private final HttpClient http;
  private final Duration timeout;

  ModelServerClient(URI server, Duration timeout) {
    this.server = server;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  Terms terms() throws IOException {
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(resolve("/v1/model")).GET());
    if (r.statusCode() != 200) {
      throw new IOException(
          "server " + server + ": GET /v1/model answered " + r.statusCode() + ", expected 200");
    }
    JsonNode o = PredictApi.read(r.body());
    JsonNode domain = o.path("eip712Domain");
    try {
      return new Terms(
          Address.fromHex(o.path("modelToken").asText()),
          new BigInteger(o.path("price").asText()),
          Duration.ofSeconds(o.path("minVoucherLifetimeSeconds").asLong()),
          domain.path("chainId").asLong(),
          Address.fromHex(domain.path("verifyingContract").asText()));
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "server "
              + server
              + ": GET /v1/model: unexpected answer "
              + o
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  Answer predict(float[] features, SignedVoucher voucher) throws IOException {
    HttpResponse<byte[]> r =
        send(
            HttpRequest.newBuilder(resolve("/v1/predict"))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofByteArray(PredictApi.request(features, voucher))));
    JsonNode o;
    try {
      o = PredictApi.read(r.body());
    } catch (IOException e) {
      throw new IOException(
          "server " + server + ": POST /v1/predict answered " + r.statusCode() + " without JSON",
          e);
    }
    if (r.statusCode() != 200) {
      return new Answer(
          r.statusCode(),
          -1,
          new float[0],
          null,
          null,
          o.path("error").asText(""),
          o.path("reason").asText(""),
          o.path("message").asText(""));
    }
    JsonNode scores = o.path("scores");
    float[] s = new float[scores.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = scores.get(i).floatValue();
    }
    JsonNode payment = o.path("payment");
    return new Answer(
        200,
        o.path("label").asInt(),
        s,
        new BigInteger(payment.path("cumulativeAmount").asText()),
        new BigInteger(payment.path("previous").asText()),
        null,
        null,
        null);
  }

  private URI resolve(String path) {
    String base = server.toString().replaceAll("/+$", "");
    return URI.create(base + path);
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException {
    try {
      return http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("server " + server + ": interrupted", e);
    } catch (IOException e) {
      throw new IOException(
          "server " + server + " did not answer: " + (e.getMessage() == null ? e : e.getMessage()),
          e);
    }
  }
}
