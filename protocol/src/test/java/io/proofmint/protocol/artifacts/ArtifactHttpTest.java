package io.proofmint.protocol.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.crypto.Keccak;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArtifactHttpTest {

  private static final String HEX = Keccak.hashUtf8("x").toHex().substring(2);

  @Test
  void parsePath_acceptsTheCanonicalPathOfEachKind() {
    assertThat(ArtifactHttp.parsePath("/artifacts/blob/" + HEX))
        .contains(ArtifactId.of(ArtifactKind.BLOB, Keccak.hashUtf8("x")));
    assertThat(ArtifactHttp.parsePath("/artifacts/checkpoint/" + HEX))
        .contains(ArtifactId.of(ArtifactKind.CHECKPOINT, Keccak.hashUtf8("x")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/artifacts/blob/UPPER",
        "/artifacts/blob/0xHEX",
        "/artifacts/blob/HEX/",
        "/artifacts/blob/HEX/x",
        "/artifacts/Blob/HEX",
        "/artifacts/checkpoints/HEX",
        "/artifacts//HEX",
        "/artifacts/blob",
        "/artifacts/blob/",
        "/artifacts/blob/../../../etc/passwd",
        "/artifacts/blob/%2e%2e%2f%2e%2e%2fsecret",
        "/artifacts/blob/..%2fHEX",
        "/artifacts/../blob/HEX",
        "/blob/HEX",
        ""
      })
  void parsePath_rejectsEverythingButTheExactForm(String template) {
    String path = template.replace("UPPER", HEX.toUpperCase()).replace("HEX", HEX);
    assertThat(ArtifactHttp.parsePath(path)).isEmpty();
  }

  @Test
  void parsePath_rejectsHashesOfTheWrongLength() {
    assertThat(ArtifactHttp.parsePath("/artifacts/blob/" + HEX.substring(1))).isEmpty();
    assertThat(ArtifactHttp.parsePath("/artifacts/blob/" + HEX + "0")).isEmpty();
    assertThat(ArtifactHttp.parsePath(null)).isEmpty();
  }

  @Test
  void artifactUri_appendsTheRelativePathToTheBase() {
    ArtifactId id = ArtifactId.of(ArtifactKind.CHECKPOINT, Keccak.hashUtf8("x"));
    assertThat(ArtifactHttp.artifactUri(URI.create("https://mirror.example/pm"), id))
        .isEqualTo(URI.create("https://mirror.example/pm/artifacts/checkpoint/" + HEX));
    assertThat(ArtifactHttp.etag(id)).isEqualTo("\"0x" + HEX + "\"");
  }
}
