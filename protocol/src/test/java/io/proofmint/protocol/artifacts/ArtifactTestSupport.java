package io.proofmint.protocol.artifacts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.proofmint.protocol.bundle.BundleHeader;
import io.proofmint.protocol.bundle.BundleManifest;
import io.proofmint.protocol.bundle.BundleWriter;
import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.checkpoint.TestCheckpoints;
import io.proofmint.protocol.commit.StepRecord;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Address;
import io.proofmint.protocol.crypto.Keccak;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Fixtures for the artifact tests: a tiny bundle, a scripted loopback server, a fake sleeper. */
final class ArtifactTestSupport {

  static final int K = 2;
  static final int S = 4;

  static final BundleHeader HEADER =
      new BundleHeader(
          TaskBinding.of(
              31337,
              Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
              BigInteger.valueOf(7),
              Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8")),
          TestCheckpoints.SPEC,
          Keccak.hashUtf8("dataset"),
          "cpu-f32-1thread",
          (long) K * S,
          K);

  private ArtifactTestSupport() {}

  /** {@code C_i}: a tiny checkpoint at model step {@code 10 + i * k}. */
  static Checkpoint checkpoint(int i) {
    return TestCheckpoints.small(10 + (long) i * K, i);
  }

  /** Writes a complete {@code S}-segment bundle to {@code dir}. */
  static BundleManifest writeBundle(Path dir, CheckpointHasher hasher) throws IOException {
    BundleWriter writer = BundleWriter.open(dir, HEADER, hasher);
    writer.start(checkpoint(0));
    for (int i = 0; i < S; i++) {
      List<StepRecord> records =
          IntStream.range(i * K, (i + 1) * K)
              .mapToObj(t -> StepRecord.of(t, Keccak.hashUtf8("batch" + t), 1.0f / (t + 1)))
              .toList();
      writer.completeSegment(records, checkpoint(i + 1));
    }
    return writer.finish();
  }

  /** Every regular file under {@code dir}, temporary files included. */
  static List<Path> filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /** Sends the first line of a raw HTTP/1.1 request and returns the response's status line. */
  static String rawStatusLine(URI base, String method, String rawTarget) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 2_000);
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n"
              .formatted(method, rawTarget, base.getAuthority())
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      return in.readLine();
    }
  }

  /** Records the waits it is asked for instead of sleeping. */
  static final class RecordingSleeper implements Sleeper {
    final List<Duration> waits = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
      waits.add(duration);
    }
  }

  /** Answers request {@code n} (1-based) of a scripted loopback server. */
  @FunctionalInterface
  interface Script {
    void respond(HttpExchange exchange, int request) throws IOException;
  }

  /** A loopback server on a free port whose answers a test scripts, e.g. to corrupt a body. */
  static final class ScriptedServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private ScriptedServer(Script script) throws IOException {
      server = HttpServer.create(new InetSocketAddress(ArtifactServerConfig.LOOPBACK, 0), 0);
      server.createContext(
          "/",
          exchange -> {
            try (exchange) {
              script.respond(exchange, requests.incrementAndGet());
            }
          });
      server.start();
    }

    static ScriptedServer start(Script script) throws IOException {
      return new ScriptedServer(script);
    }

    URI baseUri() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int requests() {
      return requests.get();
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
