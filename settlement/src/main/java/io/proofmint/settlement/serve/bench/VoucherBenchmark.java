package io.proofmint.settlement.serve.bench;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.settlement.db.Database;
import io.proofmint.settlement.escrow.ChannelState;
import io.proofmint.settlement.escrow.SignedVoucher;
import io.proofmint.settlement.escrow.Voucher;
import io.proofmint.settlement.escrow.VoucherDomain;
import io.proofmint.settlement.serve.ArgmaxPredictor;
import io.proofmint.settlement.serve.ModelServer;
import io.proofmint.settlement.serve.PredictApi;
import io.proofmint.settlement.serve.ServerConfig;
import io.proofmint.settlement.serve.ServerMetrics;
import io.proofmint.settlement.serve.VoucherVerifier;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

/**
 * Vouchers verified per second by the model server, two ways: signature recovery alone on one
 * thread, and end to end (loopback HTTP client, JSON, every check, the inbox write in the
 * settlement database, the trivial model) with several clients each paying on its own channel. The
 * chain is replaced by a channel reader that reports a large balance, so the numbers are the
 * server's own. Vouchers are signed before the clock starts. Bounded by {@code --seconds}.
 *
 * <pre>
 * ./mvnw -o -q -pl settlement exec:java \
 *   -Dexec.mainClass=io.proofmint.settlement.serve.bench.VoucherBenchmark \
 *   -Dexec.args="--seconds 10 --clients 8"
 * </pre>
 */
public final class VoucherBenchmark {

  private static final VoucherDomain DOMAIN =
      new VoucherDomain(31337, Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3"));
  private static final Address MODEL =
      Address.fromHex("0x00000000000000000000000000000000000000a1");
  private static final BigInteger PRICE = BigInteger.valueOf(1_000);

  private VoucherBenchmark() {}

  public static void main(String[] args) throws Exception {
    int seconds = intArg(args, "--seconds", 10);
    int clients = intArg(args, "--clients", 8);
    int perClient = intArg(args, "--vouchers-per-client", 3_000);
    String dbArg = stringArg(args, "--db", null);
    System.out.printf(
        "voucher benchmark: %d clients, %d s, %d cores%n",
        clients, seconds, Runtime.getRuntime().availableProcessors());

    List<List<SignedVoucher>> vouchers = new ArrayList<>();
    long expiry = Clock.systemUTC().instant().getEpochSecond() + 86_400;
    for (int c = 0; c < clients; c++) {
      Credentials user =
          Credentials.create(
              ECKeyPair.create(Keccak.hashUtf8("bench user " + c).toUnsignedBigInteger()));
      List<SignedVoucher> list = new ArrayList<>(perClient);
      for (int i = 1; i <= perClient; i++) {
        list.add(
            DOMAIN.sign(
                Voucher.of(
                    user.getAddress(),
                    MODEL.toHex(),
                    PRICE.multiply(BigInteger.valueOf(i)),
                    expiry),
                user));
      }
      vouchers.add(list);
    }

    recoveryOnly(vouchers.get(0), Math.min(seconds, 5));

    Path tmp = Files.createTempDirectory("voucher-bench");
    String url = dbArg != null ? dbArg : Database.h2FileUrl(tmp);
    ExecutorService serverThreads = Executors.newFixedThreadPool(Math.max(2, clients));
    try (Database db = Database.open(url)) {
      VoucherVerifier verifier =
          new VoucherVerifier(
              DOMAIN,
              MODEL,
              PRICE,
              Duration.ofMinutes(10),
              key -> new ChannelState(BigInteger.TEN.pow(30), BigInteger.ZERO, BigInteger.ZERO, 0),
              Clock.systemUTC());
      try (ModelServer server =
          ModelServer.start(
              ServerConfig.loopback(PRICE),
              verifier,
              new ArgmaxPredictor(),
              db,
              Clock.systemUTC(),
              serverThreads,
              new ServerMetrics(new PrometheusRegistry()))) {
        endToEnd(server.baseUrl(), vouchers, seconds, db.describe());
      }
    } finally {
      serverThreads.shutdownNow();
    }
  }

  private static void recoveryOnly(List<SignedVoucher> vouchers, int seconds) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    long n = 0;
    while (System.nanoTime() < deadline) {
      if (DOMAIN.recover(vouchers.get((int) (n % vouchers.size()))).isEmpty()) {
        throw new IllegalStateException("a benchmark voucher did not recover");
      }
      n++;
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "signature recovery (one thread): %d in %.1f s = %.0f/s%n", n, elapsed, n / elapsed);
  }

  private static void endToEnd(URI base, List<List<SignedVoucher>> vouchers, int seconds, String db)
      throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    URI predict = base.resolve("/v1/predict");
    float[] features = {0.1f, 0.7f, 0.2f, 0.4f};
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    AtomicLong refused = new AtomicLong();
    List<Future<long[]>> results = new ArrayList<>();
    long start = System.nanoTime();
    try (ExecutorService clients = Executors.newFixedThreadPool(vouchers.size())) {
      for (List<SignedVoucher> mine : vouchers) {
        results.add(
            clients.submit(
                () -> {
                  long[] latencies = new long[mine.size()];
                  int done = 0;
                  for (SignedVoucher v : mine) {
                    if (System.nanoTime() >= deadline) {
                      break;
                    }
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> r =
                        http.send(
                            HttpRequest.newBuilder(predict)
                                .POST(
                                    HttpRequest.BodyPublishers.ofByteArray(
                                        PredictApi.request(features, v)))
                                .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    if (r.statusCode() != 200) {
                      refused.incrementAndGet();
                    }
                    latencies[done++] = System.nanoTime() - t0;
                  }
                  return Arrays.copyOf(latencies, done);
                }));
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    List<Long> all = new ArrayList<>();
    for (Future<long[]> f : results) {
      for (long l : f.get()) {
        all.add(l);
      }
    }
    all.sort(Long::compare);
    if (refused.get() > 0) {
      throw new IllegalStateException(refused.get() + " benchmark calls were refused");
    }
    System.out.printf(
        "end to end (%d HTTP clients, database %s): %d paid calls in %.1f s = %.0f vouchers/s,"
            + " latency p50 %.2f ms, p99 %.2f ms%n",
        vouchers.size(),
        db,
        all.size(),
        elapsed,
        all.size() / elapsed,
        all.get(all.size() / 2) / 1e6,
        all.get((int) (all.size() * 0.99)) / 1e6);
  }

  private static int intArg(String[] args, String name, int fallback) {
    String v = stringArg(args, name, null);
    return v == null ? fallback : Integer.parseInt(v);
  }

  private static String stringArg(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
