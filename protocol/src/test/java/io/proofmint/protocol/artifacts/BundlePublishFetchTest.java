package io.proofmint.protocol.artifacts;

import static io.proofmint.protocol.artifacts.ArtifactTestSupport.HEADER;
import static io.proofmint.protocol.artifacts.ArtifactTestSupport.S;
import static io.proofmint.protocol.artifacts.ArtifactTestSupport.filesUnder;
import static io.proofmint.protocol.artifacts.ArtifactTestSupport.writeBundle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.artifacts.ArtifactTestSupport.RecordingSleeper;
import io.proofmint.protocol.artifacts.ArtifactTestSupport.ScriptedServer;
import io.proofmint.protocol.bundle.BundleLayout;
import io.proofmint.protocol.bundle.BundleManifest;
import io.proofmint.protocol.bundle.BundleReader;
import io.proofmint.protocol.bundle.BundleValidation;
import io.proofmint.protocol.bundle.BundleValidation.Reason;
import io.proofmint.protocol.bundle.CommittedTask;
import io.proofmint.protocol.bundle.ProofBundle;
import io.proofmint.protocol.checkpoint.CheckpointHasher;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.io.HashMismatchException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class BundlePublishFetchTest {

  private static final FetchPolicy POLICY =
      FetchPolicy.defaults().withMaxAttempts(2).withRequestTimeout(Duration.ofSeconds(5));

  private final CheckpointHasher hasher = CheckpointHasher.sequential();
  private final BundleReader reader = new BundleReader(hasher);

  @TempDir Path dir;
  private Path bundle;
  private BundleManifest manifest;
  private LocalArtifactStore store;
  private ArtifactServer server;
  private HttpClient client;
  private BundleFetcher fetcher;

  @BeforeEach
  void writeAndServe() throws IOException {
    bundle = dir.resolve("bundle");
    manifest = writeBundle(bundle, hasher);
    store = new LocalArtifactStore(dir.resolve("store"));
    server = ArtifactServer.start(store, ArtifactServerConfig.loopback().withThreads(2));
    client = ArtifactFetcher.newHttpClient(POLICY);
    LocalArtifactStore cache = new LocalArtifactStore(dir.resolve("cache"));
    fetcher =
        new BundleFetcher(
            new ArtifactFetcher(server.baseUri(), cache, client, POLICY, new RecordingSleeper()));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  private ArtifactLocator publish() throws IOException {
    return new BundlePublisher(server.baseUri(), hasher).publish(bundle, store);
  }

  @Test
  void publish_storesEveryCheckpointRecordsAndManifestAndReturnsTheLocator() throws IOException {
    ArtifactLocator locator = publish();

    byte[] manifestBytes = Files.readAllBytes(BundleLayout.manifest(bundle));
    assertThat(locator).isEqualTo(ArtifactLocator.of(server.baseUri(), Keccak.hash(manifestBytes)));
    assertThat(locator.toString()).hasSizeLessThan(ArtifactLocator.MAX_LENGTH);
    assertThat(store.contains(ArtifactKind.BLOB, manifest.recordsHash())).isTrue();
    for (Hash32 checkpoint : manifest.checkpoints()) {
      assertThat(store.path(ArtifactKind.CHECKPOINT, checkpoint).orElseThrow())
          .hasSameBinaryContentAs(BundleLayout.checkpoint(bundle, checkpoint));
    }
    assertThat(filesUnder(store.root())).hasSize(S + 1 + 2);
  }

  @Test
  void publish_twiceGivesTheSameLocatorAndStoresNothingNew() throws IOException {
    ArtifactLocator first = publish();
    var files = filesUnder(store.root());

    assertThat(publish()).isEqualTo(first);
    assertThat(filesUnder(store.root())).isEqualTo(files);
  }

  @Test
  void publish_refusesAnInvalidBundleAndStoresNoManifest() throws IOException {
    Path records = BundleLayout.records(bundle);
    Files.writeString(records, Files.readString(records).replace("0x3f800000", "0x3f800001"));

    assertThatThrownBy(this::publish)
        .isInstanceOfSatisfying(
            InvalidBundleException.class,
            e -> assertThat(e.validation().reason()).isEqualTo(Reason.RECORDS_HASH_MISMATCH));
    assertThat(filesUnder(store.root())).isEmpty();
  }

  @Test
  void publish_refusesABundleWithADamagedCheckpoint_andStoresNeitherItNorTheManifest()
      throws IOException {
    Hash32 damaged = manifest.checkpoints().get(2);
    Path file = BundleLayout.checkpoint(bundle, damaged);
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] ^= 1;
    Files.write(file, bytes);

    assertThatThrownBy(this::publish)
        .isInstanceOfSatisfying(
            InvalidBundleException.class,
            e -> {
              assertThat(e.validation().reason()).isEqualTo(Reason.CHECKPOINT_HASH_MISMATCH);
              assertThat(e.validation().file()).isEqualTo(file);
              assertThat(e.validation().detail())
                  .startsWith("checkpoint C_2: expected hash " + damaged);
            });
    assertThat(store.contains(ArtifactKind.CHECKPOINT, damaged)).isFalse();
    assertThat(
            store.contains(
                ArtifactKind.BLOB, Keccak.hash(Files.readAllBytes(BundleLayout.manifest(bundle)))))
        .isFalse();
  }

  @Test
  void publish_refusesABundleWithAMissingCheckpoint_andStoresNothing() throws IOException {
    Path file = BundleLayout.checkpoint(bundle, manifest.checkpoints().get(3));
    Files.delete(file);

    assertThatThrownBy(this::publish)
        .isInstanceOfSatisfying(
            InvalidBundleException.class,
            e -> {
              assertThat(e.validation().reason()).isEqualTo(Reason.CHECKPOINT_MISSING);
              assertThat(e.validation().detail()).startsWith("checkpoint C_3: expected a file");
            });
    assertThat(filesUnder(store.root())).isEmpty();
  }

  @Test
  void fetch_ofSampledSegmentsGetsOnlyTheirCheckpointsAndValidatesAsAPartialBundle()
      throws IOException {
    ArtifactLocator locator = ArtifactLocator.parse(publish().toString());
    Path target = dir.resolve("verifier");

    Path fetched = fetcher.fetch(locator, Set.of(1, 3), target);

    assertThat(fetched).isEqualTo(target);
    assertThat(filesUnder(target.resolve(BundleLayout.CHECKPOINTS)))
        .containsExactlyInAnyOrder(
            BundleLayout.checkpoint(target, manifest.checkpoints().get(1)),
            BundleLayout.checkpoint(target, manifest.checkpoints().get(2)),
            BundleLayout.checkpoint(target, manifest.checkpoints().get(3)),
            BundleLayout.checkpoint(target, manifest.checkpoints().get(4)));
    assertThat(BundleLayout.manifest(target)).hasSameBinaryContentAs(BundleLayout.manifest(bundle));
    assertThat(BundleLayout.records(target)).hasSameBinaryContentAs(BundleLayout.records(bundle));

    BundleValidation validation = reader.validateSegments(target, Set.of(1, 3));
    assertThat(validation.reason()).isEqualTo(Reason.VALID);
    ProofBundle proof = validation.validBundle().orElseThrow();
    CommittedTask onChain =
        new CommittedTask(
            HEADER.binding(),
            manifest.parentCheckpoint(),
            manifest.root(),
            manifest.finalCheckpoint(),
            S);
    assertThat(proof.matches(onChain).isValid()).isTrue();
    assertThat(proof.readCheckpoint(3, hasher)).isEqualTo(ArtifactTestSupport.checkpoint(3));
    assertThat(reader.validate(target).reason()).isEqualTo(Reason.CHECKPOINT_MISSING);
    assertThat(reader.validateSegments(target, Set.of(0)).reason())
        .isEqualTo(Reason.CHECKPOINT_MISSING);
  }

  @Test
  void fetch_ofAManifestTheServerDoesNotHoldFailsNotFound() throws IOException {
    publish();
    ArtifactLocator unknown = ArtifactLocator.of(server.baseUri(), Keccak.hashUtf8("no manifest"));

    assertThatThrownBy(() -> fetcher.fetch(unknown, Set.of(0), dir.resolve("verifier")))
        .isInstanceOf(ArtifactNotFoundException.class)
        .hasMessageContaining(unknown.manifestUri().toString());
    assertThat(dir.resolve("verifier")).doesNotExist();
  }

  @Test
  void fetch_ofASegmentBeyondTheManifestIsACommitmentMismatch() throws IOException {
    ArtifactLocator locator = publish();

    assertThatThrownBy(() -> fetcher.fetch(locator, Set.of(S), dir.resolve("verifier")))
        .isInstanceOfSatisfying(
            InvalidBundleException.class,
            e -> {
              assertThat(e.validation().reason()).isEqualTo(Reason.COMMITMENT_MISMATCH);
              assertThat(e.validation().detail())
                  .isEqualTo("segment 4: expected 0 <= segment < S = 4 of the manifest");
            });
  }

  @Test
  void fetch_fromAMirrorThatSwapsACheckpointFailsOnThatCheckpoint() throws IOException {
    ArtifactLocator published = publish();
    Hash32 swapped = manifest.checkpoints().get(2);
    byte[] other =
        Files.readAllBytes(BundleLayout.checkpoint(bundle, manifest.checkpoints().get(0)));
    try (ScriptedServer mirror =
        ScriptedServer.start(
            (exchange, n) -> {
              ArtifactId id = ArtifactHttp.parsePath(exchange.getRequestURI().getRawPath()).get();
              byte[] body =
                  id.hash().equals(swapped)
                      ? other
                      : Files.readAllBytes(store.path(id.kind(), id.hash()).orElseThrow());
              ScriptedServer.send(exchange, 200, body);
            })) {
      ArtifactLocator locator = ArtifactLocator.of(mirror.baseUri(), published.manifestHash());
      URI swappedUri = locator.artifactUri(ArtifactId.of(ArtifactKind.CHECKPOINT, swapped));

      assertThatThrownBy(() -> fetcher.fetch(locator, Set.of(1), dir.resolve("verifier")))
          .isInstanceOfSatisfying(
              HashMismatchException.class,
              e -> {
                assertThat(e.source()).contains(swappedUri);
                assertThat(e.expected()).isEqualTo(swapped);
                assertThat(e.actual()).isEqualTo(manifest.checkpoints().get(0));
              });
      assertThat(BundleLayout.manifest(dir.resolve("verifier"))).doesNotExist();
    }
  }
}
