package io.proofmint.settlement.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.settlement.db.Database;
import io.proofmint.settlement.escrow.ChannelKey;
import io.proofmint.settlement.escrow.ChannelState;
import io.proofmint.settlement.escrow.SignedVoucher;
import io.proofmint.settlement.escrow.Voucher;
import io.proofmint.settlement.escrow.VoucherDomain;
import io.proofmint.settlement.escrow.VoucherInbox;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

class ModelServerTest {

  private static final Credentials USER =
      Credentials.create("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
  private static final Credentials STRANGER =
      Credentials.create("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
  private static final Address MODEL =
      Address.fromHex("0x00000000000000000000000000000000000000a1");
  private static final Address OTHER_MODEL =
      Address.fromHex("0x00000000000000000000000000000000000000a2");
  private static final VoucherDomain DOMAIN =
      new VoucherDomain(31337, Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3"));
  private static final BigInteger PRICE = BigInteger.valueOf(1_000);
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final long EXPIRY = NOW.getEpochSecond() + 86_400;

  private final Map<ChannelKey, ChannelState> channels = new ConcurrentHashMap<>();
  private final HttpClient client = HttpClient.newHttpClient();
  private Database db;
  private ExecutorService executor;
  private ModelServer server;

  @BeforeEach
  void start() throws Exception {
    db = Database.open(Database.h2MemoryUrl("server-" + System.nanoTime()));
    executor = Executors.newFixedThreadPool(4);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    VoucherVerifier verifier =
        new VoucherVerifier(
            DOMAIN,
            MODEL,
            PRICE,
            Duration.ofHours(1),
            key -> channels.getOrDefault(key, ChannelState.EMPTY),
            clock);
    server =
        ModelServer.start(
            ServerConfig.loopback(PRICE),
            verifier,
            new ArgmaxPredictor(),
            db,
            clock,
            executor,
            new ServerMetrics(new PrometheusRegistry()));
    fund(USER, 10_000, 0);
  }

  @AfterEach
  void stop() {
    server.close();
    executor.shutdownNow();
    db.close();
  }

  @Test
  void paidCall_answersWithThePrediction_andKeepsTheVoucher() throws Exception {
    HttpResponse<byte[]> r = post(voucher(USER, MODEL, 1_000, EXPIRY), 0.1f, 3f, 0.5f);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = PredictApi.read(r.body());
    assertThat(body.get("label").asInt()).isEqualTo(1);
    assertThat(body.get("scores")).hasSize(3);
    assertThat(body.at("/payment/cumulativeAmount").asText()).isEqualTo("1000");
    assertThat(inboxAmount()).isEqualTo(BigInteger.valueOf(1_000));
    assertThat(post(voucher(USER, MODEL, 2_000, EXPIRY), 1f).statusCode()).isEqualTo(200);
    assertThat(server.metrics().vouchersAccepted()).isEqualTo(2);
  }

  @Test
  void replayedOrOlderVoucher_isRefused() throws Exception {
    SignedVoucher first = voucher(USER, MODEL, 2_000, EXPIRY);
    assertThat(post(first, 1f).statusCode()).isEqualTo(200);

    assertRefused(post(first, 1f), 402, "NOT_INCREASED");
    assertRefused(post(voucher(USER, MODEL, 1_500, EXPIRY), 1f), 402, "NOT_INCREASED");
    assertRefused(post(voucher(USER, MODEL, 2_999, EXPIRY), 1f), 402, "NOT_INCREASED");
    assertThat(inboxAmount()).isEqualTo(BigInteger.valueOf(2_000));
  }

  @Test
  void voucherBelowTheOnChainRedeemedTotal_isRefused() throws Exception {
    fund(USER, 10_000, 5_000);
    assertRefused(post(voucher(USER, MODEL, 3_000, EXPIRY), 1f), 402, "NOT_INCREASED");
    assertThat(post(voucher(USER, MODEL, 6_000, EXPIRY), 1f).statusCode()).isEqualTo(200);
  }

  @Test
  void voucherAboveTheSpendableBalance_isRefused() throws Exception {
    channels.put(
        channel(USER),
        new ChannelState(
            BigInteger.valueOf(10_000), BigInteger.ZERO, BigInteger.valueOf(8_000), 0));
    assertThat(post(voucher(USER, MODEL, 2_000, EXPIRY), 1f).statusCode()).isEqualTo(200);
    assertRefused(post(voucher(USER, MODEL, 3_000, EXPIRY), 1f), 402, "UNDERFUNDED");
  }

  @Test
  void voucherSignedByAnotherKey_isRefused() throws Exception {
    Voucher v = Voucher.of(USER.getAddress(), MODEL.toHex(), BigInteger.valueOf(1_000), EXPIRY);
    SignedVoucher forged = DOMAIN.sign(v, STRANGER);
    assertRefused(post(forged, 1f), 402, "BAD_SIGNATURE");
    assertThat(inboxAmount()).isNull();
  }

  @Test
  void voucherForAnotherModel_orExpiringSoon_isRefused() throws Exception {
    assertRefused(post(voucher(USER, OTHER_MODEL, 1_000, EXPIRY), 1f), 402, "WRONG_MODEL");
    long tooSoon = NOW.getEpochSecond() + 600;
    assertRefused(post(voucher(USER, MODEL, 1_000, tooSoon), 1f), 402, "EXPIRES_TOO_SOON");
  }

  @Test
  void malformedRequests_areBadRequests_andCostNothing() throws Exception {
    assertRefused(send("{not json".getBytes(), null), 400, "MALFORMED");
    assertRefused(send("{\"features\": [1]}".getBytes(), null), 400, "MALFORMED");
    SignedVoucher v = voucher(USER, MODEL, 1_000, EXPIRY);
    assertRefused(post(v), 400, "FEATURES");
    assertThat(inboxAmount()).as("a refused input is not paid for").isNull();

    String header = PredictApi.voucherJson(v).toString();
    HttpResponse<byte[]> viaHeader = send("{\"features\": [2, 1]}".getBytes(), header);
    assertThat(viaHeader.statusCode()).isEqualTo(200);
  }

  @Test
  void theSameVoucherSentConcurrently_paysForOneAnswer() throws Exception {
    SignedVoucher v = voucher(USER, MODEL, 1_000, EXPIRY);
    List<Future<Integer>> calls = new ArrayList<>();
    try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 16; i++) {
        calls.add(clients.submit(() -> post(v, 1f).statusCode()));
      }
    }
    List<Integer> codes = new ArrayList<>();
    for (Future<Integer> f : calls) {
      codes.add(f.get());
    }
    assertThat(codes).containsOnly(200, 402);
    assertThat(codes.stream().filter(c -> c == 200)).hasSize(1);
  }

  @Test
  void modelAndMetricsEndpoints_describeTheService() throws Exception {
    post(voucher(USER, MODEL, 1_000, EXPIRY), 1f);
    JsonNode model =
        PredictApi.read(
            client
                .send(
                    HttpRequest.newBuilder(server.baseUrl().resolve("/v1/model")).build(),
                    HttpResponse.BodyHandlers.ofByteArray())
                .body());
    assertThat(model.get("price").asText()).isEqualTo("1000");
    assertThat(model.at("/eip712Domain/chainId").asLong()).isEqualTo(31337);
    HttpResponse<String> scrape =
        client.send(
            HttpRequest.newBuilder(server.baseUrl().resolve("/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(scrape.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(scrape.body().lines())
        .contains(
            "proofmint_server_vouchers_accepted_total 1.0",
            "proofmint_server_revenue_accepted_total 1000.0");
  }

  private void fund(Credentials user, long balance, long redeemed) {
    channels.put(
        channel(user),
        new ChannelState(
            BigInteger.valueOf(balance), BigInteger.valueOf(redeemed), BigInteger.ZERO, 0));
  }

  private static ChannelKey channel(Credentials user) {
    return new ChannelKey(Address.fromHex(user.getAddress()), MODEL);
  }

  private static SignedVoucher voucher(
      Credentials user, Address model, long cumulative, long expiry) {
    return DOMAIN.sign(
        Voucher.of(user.getAddress(), model.toHex(), BigInteger.valueOf(cumulative), expiry), user);
  }

  private BigInteger inboxAmount() throws Exception {
    return db.transaction(c -> new VoucherInbox().latest(c, channel(USER))).orElse(null);
  }

  private HttpResponse<byte[]> post(SignedVoucher v, float... features) throws Exception {
    return send(PredictApi.request(features, v), null);
  }

  private HttpResponse<byte[]> send(byte[] body, String voucherHeader) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/predict"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", "application/json");
    if (voucherHeader != null) {
      b.header(PredictApi.VOUCHER_HEADER, voucherHeader);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static void assertRefused(HttpResponse<byte[]> r, int status, String reason)
      throws Exception {
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(status);
    assertThat(PredictApi.read(r.body()).get("reason").asText()).isEqualTo(reason);
  }
}
