package io.proofmint.settlement.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.settlement.db.Database;
import io.proofmint.settlement.escrow.ChannelKey;
import io.proofmint.settlement.escrow.SignedVoucher;
import io.proofmint.settlement.escrow.VoucherInbox;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one model for pay-per-call over the JDK HTTP server. {@code POST /v1/predict} takes
 * features and a voucher ({@link PredictApi}); the voucher is checked ({@link VoucherVerifier}),
 * the model answers, and only then is the voucher stored in the shared inbox, by a conditional
 * update that a replayed or concurrent voucher of the same channel loses: a caller pays only for
 * answers it gets, and each price increment buys one answer. Also {@code GET /v1/model} (price and
 * EIP-712 domain for clients), {@code GET /metrics} (the Prometheus text format 0.0.4 of the
 * registry that holds the {@link ServerMetrics}, by the Prometheus client's writer) and {@code GET
 * /health}.
 */
public final class ModelServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);
  private static final PrometheusTextFormatWriter METRICS = PrometheusTextFormatWriter.create();

  private final HttpServer http;
  private final ServerConfig config;
  private final VoucherVerifier verifier;
  private final Predictor predictor;
  private final Object predictorLock = new Object();
  private final Database db;
  private final VoucherInbox inbox = new VoucherInbox();
  private final Clock clock;
  private final ServerMetrics metrics;

  private ModelServer(
      HttpServer http,
      ServerConfig config,
      VoucherVerifier verifier,
      Predictor predictor,
      Database db,
      Clock clock,
      ServerMetrics metrics) {
    this.http = http;
    this.config = config;
    this.verifier = verifier;
    this.predictor = predictor;
    this.db = db;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** Binds {@code config.host():config.port()} and starts serving on {@code executor}. */
  public static ModelServer start(
      ServerConfig config,
      VoucherVerifier verifier,
      Predictor predictor,
      Database db,
      Clock clock,
      ExecutorService executor,
      ServerMetrics metrics)
      throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
    ModelServer server = new ModelServer(http, config, verifier, predictor, db, clock, metrics);
    http.createContext("/v1/predict", server::predict);
    http.createContext("/v1/model", server::model);
    http.createContext("/metrics", server::metricsPage);
    http.createContext("/health", server::health);
    http.setExecutor(executor);
    http.start();
    LOG.info(
        "serving model {} at {} for {} per call",
        verifier.modelToken(),
        server.baseUrl(),
        verifier.price());
    return server;
  }

  public URI baseUrl() {
    InetSocketAddress a = http.getAddress();
    return URI.create("http://" + a.getHostString() + ":" + a.getPort());
  }

  public int port() {
    return http.getAddress().getPort();
  }

  public ServerMetrics metrics() {
    return metrics;
  }

  private void predict(HttpExchange ex) throws IOException {
    try (ex) {
      if (!"POST".equals(ex.getRequestMethod())) {
        reply(ex, 405, PredictApi.error("method_not_allowed", "METHOD", "use POST"));
        return;
      }
      byte[] body = readBody(ex.getRequestBody());
      if (body == null) {
        reply(
            ex,
            413,
            PredictApi.error(
                "too_large", "BODY", "expected at most " + config.maxBodyBytes() + " bytes"));
        return;
      }
      PredictApi.Parsed parsed =
          PredictApi.parse(body, ex.getRequestHeaders().getFirst(PredictApi.VOUCHER_HEADER));
      if (parsed.error() != null) {
        reply(ex, 400, PredictApi.error("bad_request", "MALFORMED", parsed.error()));
        return;
      }
      answer(ex, parsed.request());
    } catch (RuntimeException e) {
      LOG.error("predict failed", e);
      reply(ex, 500, PredictApi.error("internal", "INTERNAL", e.toString()));
    }
  }

  private void answer(HttpExchange ex, PredictRequest request) throws IOException {
    SignedVoucher signed = request.voucher();
    ChannelKey channel = new ChannelKey(signed.voucher().user(), signed.voucher().modelToken());
    PaymentCheck check;
    try {
      Optional<BigInteger> previous = db.transaction(c -> inbox.latest(c, channel));
      check = verifier.verify(signed, previous);
    } catch (SQLException e) {
      LOG.warn("voucher inbox unavailable: {}", e.toString());
      reply(ex, 503, PredictApi.error("unavailable", "DATABASE", "voucher store unavailable"));
      return;
    } catch (IOException e) {
      LOG.warn("cannot read the escrow channel: {}", e.toString());
      reply(ex, 503, PredictApi.error("unavailable", "CHAIN", "cannot read the escrow channel"));
      return;
    }
    if (!check.accepted()) {
      metrics.reject(check.rejection());
      reply(
          ex, 402, PredictApi.error("payment_required", check.rejection().name(), check.message()));
      return;
    }
    Prediction prediction;
    try {
      prediction = run(request.features());
    } catch (IllegalArgumentException e) {
      reply(ex, 400, PredictApi.error("bad_request", "FEATURES", e.getMessage()));
      return;
    }
    BigInteger cumulative = signed.voucher().cumulativeAmount();
    VoucherInbox.StoreResult stored;
    try {
      stored = db.transaction(c -> inbox.store(c, signed, verifier.price(), clock.millis()));
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
        stored = new VoucherInbox.StoreResult(false, null);
      } else {
        LOG.warn("voucher inbox unavailable: {}", e.toString());
        reply(ex, 503, PredictApi.error("unavailable", "DATABASE", "voucher store unavailable"));
        return;
      }
    }
    if (!stored.stored()) {
      metrics.reject(Rejection.NOT_INCREASED);
      reply(
          ex,
          402,
          PredictApi.error(
              "payment_required",
              Rejection.NOT_INCREASED.name(),
              "another call on this channel was paid first"
                  + (stored.previous() == null ? "" : " (cumulative " + stored.previous() + ")")
                  + "; sign a voucher above it"));
      return;
    }
    metrics.accepted(cumulative.subtract(check.previous()));
    reply(
        ex, 200, PredictApi.prediction(prediction, cumulative, verifier.price(), check.previous()));
  }

  private Prediction run(float[] features) {
    if (predictor.threadSafe()) {
      return predictor.predict(features);
    }
    synchronized (predictorLock) {
      return predictor.predict(features);
    }
  }

  private void model(HttpExchange ex) throws IOException {
    try (ex) {
      ObjectNode o = PredictApi.newObject();
      o.put("modelToken", verifier.modelToken().toHex());
      o.put("price", verifier.price().toString());
      o.put("minVoucherLifetimeSeconds", verifier.minLifetime().toSeconds());
      ObjectNode domain = o.putObject("eip712Domain");
      domain.put("name", io.proofmint.settlement.escrow.VoucherDomain.NAME);
      domain.put("version", io.proofmint.settlement.escrow.VoucherDomain.VERSION);
      domain.put("chainId", verifier.domain().chainId());
      domain.put("verifyingContract", verifier.domain().escrow().toHex());
      reply(ex, 200, PredictApi.object(o));
    }
  }

  private void metricsPage(HttpExchange ex) throws IOException {
    try (ex) {
      byte[] text = render(metrics.registry());
      ex.getResponseHeaders().set("Content-Type", METRICS.getContentType());
      ex.sendResponseHeaders(200, text.length);
      ex.getResponseBody().write(text);
    }
  }

  /** The text format of every metric in {@code registry}, as {@code GET /metrics} serves it. */
  static byte[] render(PrometheusRegistry registry) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    METRICS.write(out, registry.scrape());
    return out.toByteArray();
  }

  private void health(HttpExchange ex) throws IOException {
    try (ex) {
      reply(ex, 200, "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
    }
  }

  private byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(config.maxBodyBytes() + 1);
    return body.length > config.maxBodyBytes() ? null : body;
  }

  private void reply(HttpExchange ex, int status, byte[] json) throws IOException {
    metrics.response(status);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, json.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(json);
    }
  }

  /** Stops listening; calls in progress get up to a second to finish. */
  @Override
  public void close() {
    http.stop(1);
    LOG.info("model server on {} stopped", baseUrl());
  }
}
