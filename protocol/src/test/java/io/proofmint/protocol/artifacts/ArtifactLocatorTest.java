package io.proofmint.protocol.artifacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.io.FormatException;
import java.net.URI;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactLocatorTest {

  private static final Hash32 MANIFEST = Keccak.hashUtf8("manifest");
  private static final String HEX = MANIFEST.toHex().substring(2);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080",
        "https://artifacts.example.org",
        "https://cdn.example.org/proofmint/task-12",
        "http://[::1]:9000",
        "http://[2001:db8::1:0:0:1]",
        "http://localhost:1"
      })
  void parse_roundTripsThroughToString(String base) throws FormatException {
    String text = "pmb1:" + base + "#" + HEX;

    ArtifactLocator locator = ArtifactLocator.parse(text);

    assertThat(locator.baseUri()).isEqualTo(URI.create(base));
    assertThat(locator.manifestHash()).isEqualTo(MANIFEST);
    assertThat(locator.toString()).isEqualTo(text);
    assertThat(ArtifactLocator.parse(locator.toString())).isEqualTo(locator);
  }

  @Test
  void of_pointsAtTheManifestBlobOnTheServer() {
    ArtifactLocator locator = ArtifactLocator.of(URI.create("http://127.0.0.1:8080"), MANIFEST);

    // The example of protocol.md section 12.3.
    assertThat(locator.toString())
        .isEqualTo(
            "pmb1:http://127.0.0.1:8080#"
                + "c973f01c30db151771eca5d5661d5262b8df81b0f801adc18cd689e95256cb4e")
        .hasSize(91);
    assertThat(locator.manifestUri())
        .isEqualTo(URI.create("http://127.0.0.1:8080/artifacts/blob/" + HEX));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "http://h#HEX                 | expected prefix 'pmb1:'",
        "pmb2:http://h#HEX            | expected version prefix 'pmb1:', got unsupported 'pmb2:'",
        "PMB1:http://h#HEX            | expected prefix 'pmb1:'",
        "pmb1:http://h                | expected '#' and the manifest hash at the end, got no '#'",
        "pmb1:http://h#0xHEX          | manifest hash: expected 64 lower-case hex digits",
        "pmb1:http://h#UPPER          | manifest hash: expected 64 lower-case hex digits",
        "pmb1:http://h#abc            | manifest hash: expected 64 lower-case hex digits",
        "pmb1:http://h#x#HEX          | expected printable ASCII without spaces, '#' or '%'",
        "pmb1:http://h/a%2Fb#HEX      | expected printable ASCII without spaces, '#' or '%'",
        "pmb1:ftp://h#HEX             | expected scheme http or https, got ftp",
        "pmb1:HTTP://h#HEX            | expected scheme http or https, got HTTP",
        "pmb1:h:80#HEX                | expected scheme http or https",
        "pmb1:http:/h#HEX             | expected http(s)://<host>[:port][/path]",
        "pmb1:http://Host.example#HEX | expected a lower-case host, got 'Host.example'",
        "pmb1:http://u:p@h#HEX        | expected no user info",
        "pmb1:http://[0:0:0:0:0:0:0:1]#HEX | expected an IPv6 host in its one RFC 5952 form [::1]",
        "pmb1:http://[::0001]:80#HEX  | expected an IPv6 host in its one RFC 5952 form [::1]",
        "pmb1:http://[1:0:0:2:0:0:0:3]#HEX | RFC 5952 form [1:0:0:2::3]",
        "pmb1:http://[1::2:0:0:0:3]#HEX | RFC 5952 form [1:0:0:2::3]",
        "pmb1:http://[::ffff:127.0.0.1]#HEX | expected an IPv6 host in its one RFC 5952 form",
        "pmb1:http://h:0#HEX          | expected a port in 1 .. 65535, got 0",
        "pmb1:http://h:65536#HEX      | expected a port in 1 .. 65535, got 65536",
        "pmb1:http://h:080#HEX        | expected authority 'h:80', got 'h:080'",
        "pmb1:http://h:#HEX           | expected authority 'h', got 'h:'",
        "pmb1:http://h?q=1#HEX        | expected no query and no fragment",
        "pmb1:http://h/#HEX           | expected a path without a trailing '/'",
        "pmb1:http://h/a/#HEX         | expected a path without a trailing '/'",
        "pmb1:http://h//a#HEX         | expected a path without a trailing '/', empty or dot",
        "pmb1:http://h/a//b#HEX       | expected a path without a trailing '/', empty or dot",
        "pmb1:http://h/a/../b#HEX     | expected a path without a trailing '/', empty or dot",
        "pmb1:http://h/./b#HEX        | expected a path without a trailing '/', empty or dot",
        "pmb1:http://h/..#HEX         | expected a path without a trailing '/', empty or dot",
        "pmb1:http://h/a b#HEX        | expected printable ASCII without spaces, got U+0020",
        "pmb1:http://h/é#HEX          | expected printable ASCII without spaces, got U+00E9",
        "pmb1:http://h/a\tb#HEX       | expected printable ASCII without spaces"
      })
  void parse_rejectsAnythingButTheCanonicalForm(String template, String message) {
    String text =
        template.replace("\\t", "\t").replace("UPPER", HEX.toUpperCase()).replace("HEX", HEX);

    assertThatThrownBy(() -> ArtifactLocator.parse(text))
        .isInstanceOf(FormatException.class)
        .hasMessageStartingWith("locator '")
        .hasMessageContaining(message);
  }

  @Test
  void parse_rejectsTextAboveTheLengthBoundBeforeLookingAtIt() {
    String base = "https://h.example/" + "a".repeat(ArtifactLocator.MAX_LENGTH);
    assertThatThrownBy(() -> ArtifactLocator.parse("pmb1:" + base + "#" + HEX))
        .isInstanceOf(FormatException.class)
        .hasMessageContaining("expected at most 192 bytes, got 280");
  }

  @Test
  void of_rejectsABaseThatWouldMakeTheLocatorTooLongOrNotCanonical() {
    URI longest = URI.create("https://h.example/" + "a".repeat(192 - 5 - 65 - 18));
    assertThat(ArtifactLocator.of(longest, MANIFEST).toString()).hasSize(192);
    URI tooLong = URI.create(longest + "a");
    assertThatThrownBy(() -> ArtifactLocator.of(tooLong, MANIFEST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected at most 192 bytes, got 193");
    assertThatThrownBy(() -> ArtifactLocator.of(URI.create("http://h/"), MANIFEST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trailing '/'");
  }

  @Property(tries = 200)
  void parse_invertsToStringForAnyHashHostPortAndPath(
      @ForAll("hosts") String host,
      @ForAll @IntRange(min = 1, max = 65535) int port,
      @ForAll("paths") String path,
      @ForAll("hashes") Hash32 manifest)
      throws FormatException {
    ArtifactLocator locator =
        ArtifactLocator.of(URI.create("https://" + host + ":" + port + path), manifest);

    assertThat(ArtifactLocator.parse(locator.toString())).isEqualTo(locator);
    assertThat(ArtifactLocator.parse(locator.toString()).toString()).isEqualTo(locator.toString());
  }

  @Provide
  Arbitrary<String> hosts() {
    return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(20);
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> segment =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .withChars('-', '_', '~')
            .ofMinLength(1)
            .ofMaxLength(10);
    return segment.list().ofMaxSize(4).map(s -> s.isEmpty() ? "" : "/" + String.join("/", s));
  }

  @Provide
  Arbitrary<Hash32> hashes() {
    return Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash32::of).withoutEdgeCases();
  }
}
