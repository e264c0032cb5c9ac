package io.proofmint.systemtests.settlement;

import static io.proofmint.systemtests.settlement.SettlementFixture.E18;
import static io.proofmint.systemtests.settlement.SettlementFixture.E6;
import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.cli.flow.TaskFlow;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.settlement.db.Database;
import io.proofmint.settlement.escrow.CachedChannelReader;
import io.proofmint.settlement.escrow.EscrowReader;
import io.proofmint.settlement.escrow.SignedVoucher;
import io.proofmint.settlement.keeper.KeeperReport;
import io.proofmint.settlement.keeper.SendHooks;
import io.proofmint.settlement.serve.ArgmaxPredictor;
import io.proofmint.settlement.serve.ModelServer;
import io.proofmint.settlement.serve.PredictApi;
import io.proofmint.settlement.serve.ServerConfig;
import io.proofmint.settlement.serve.ServerMetrics;
import io.proofmint.settlement.serve.VoucherVerifier;
import io.proofmint.wrappers.suite.SuiteRoles;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

/**
 * Paid serving end to end on anvil: a user deposits into the escrow, calls the model server over
 * HTTP with cumulative vouchers (the channel read from the chain), a replay and an over-balance
 * voucher are refused, the keeper redeems the latest voucher from the shared inbox, and the model's
 * holders can claim the revenue.
 */
class ModelServerIT {

  private static final BigInteger PRICE = BigInteger.valueOf(100_000); // 0.1 mUSD a call

  @TempDir Path dir;

  @Test
  void paidCalls_areRedeemedIntoRevenueForHolders() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    ExecutorService executor = Executors.newFixedThreadPool(4);
    try (SettlementFixture f = SettlementFixture.start("ModelServerIT", dir, 16);
        Database db = Database.open(Database.h2FileUrl(dir.resolve("db")))) {
      TaskFlow.Model model = f.registerModel("PS", E18.multiply(BigInteger.valueOf(1000)));
      Credentials alice = f.user(0);
      f.deposit(alice, model.token(), E6); // 1 mUSD: ten calls
      Clock clock = Clock.systemUTC();
      VoucherVerifier verifier =
          new VoucherVerifier(
              f.vouchers,
              Address.fromHex(model.token()),
              PRICE,
              Duration.ofHours(1),
              new CachedChannelReader(
                  new EscrowReader(f.chain.web3j(), f.admin.address(SuiteRoles.USAGE_ESCROW)),
                  clock,
                  Duration.ofSeconds(2)),
              clock);
      try (ModelServer server =
          ModelServer.start(
              ServerConfig.loopback(PRICE),
              verifier,
              new ArgmaxPredictor(),
              db,
              clock,
              executor,
              new ServerMetrics(new PrometheusRegistry()))) {
        SignedVoucher last = null;
        for (int call = 1; call <= 5; call++) {
          last = f.voucher(alice, model.token(), PRICE.multiply(BigInteger.valueOf(call)));
          HttpResponse<byte[]> r = predict(http, server, last, 0.2f, 0.9f, 0.1f);
          assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
          assertThat(PredictApi.read(r.body()).get("label").asInt()).isEqualTo(1);
        }
        assertThat(reason(predict(http, server, last, 1f))).isEqualTo("NOT_INCREASED");
        SignedVoucher tooMuch = f.voucher(alice, model.token(), BigInteger.valueOf(1_100_000));
        assertThat(reason(predict(http, server, tooMuch, 1f))).isEqualTo("UNDERFUNDED");

        KeeperReport report = f.keeper(db, SendHooks.NONE).runOnce();
        assertThat(report.vouchersRedeemed()).isEqualTo(1);
        assertThat(f.redeemed(alice, model.token())).isEqualTo(BigInteger.valueOf(500_000));
        BigInteger ownerShare =
            f.admin.modelToken(model.token()).claimable(f.owner().getAddress()).send();
        assertThat(ownerShare)
            .as("the sole holder's 80%, less rounding")
            .isBetween(BigInteger.valueOf(399_999), BigInteger.valueOf(400_000));

        assertThat(reason(predict(http, server, last, 1f))).isEqualTo("NOT_INCREASED");
        SignedVoucher sixth = f.voucher(alice, model.token(), BigInteger.valueOf(600_000));
        assertThat(predict(http, server, sixth, 1f).statusCode()).isEqualTo(200);
        assertThat(server.metrics().vouchersAccepted()).isEqualTo(6);
      }
    } finally {
      executor.shutdownNow();
    }
  }

  private static HttpResponse<byte[]> predict(
      HttpClient http, ModelServer server, SignedVoucher voucher, float... features)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(server.baseUrl().resolve("/v1/predict"))
            .POST(HttpRequest.BodyPublishers.ofByteArray(PredictApi.request(features, voucher)))
            .build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String reason(HttpResponse<byte[]> r) throws Exception {
    assertThat(r.statusCode()).isEqualTo(402);
    return PredictApi.read(r.body()).get("reason").asText();
  }
}
