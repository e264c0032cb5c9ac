package io.proofmint.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.io.AtomicFiles;
import io.proofmint.protocol.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/portable-vectors.json must equal what the portable engine computes: the vector an
 * independent implementation of docs/protocol.md section 15 is checked against. To regenerate after
 * a deliberate change of the portable arithmetic (which also bumps its engine revision): {@code
 * ./mvnw -pl training-worker test -Dtest=PortableStepVectorsTest -Dproofmint.vectors.write=true}.
 */
class PortableStepVectorsTest {

  private static final Path FILE = Path.of("..", "docs", "portable-vectors.json");

  @Test
  void vectorsFile_matchesTheEngine() throws IOException {
    String expected = Json.toText(PortableStepVectors.toJson());
    if (Boolean.getBoolean("proofmint.vectors.write")) {
      AtomicFiles.writeString(FILE, expected);
    }
    assertThat(Files.readString(FILE)).isEqualTo(expected);
  }

  @Test
  void vectors_trainSomething_soTheyCanFail() {
    var json = PortableStepVectors.toJson();
    assertThat(json.get("steps").get(0).get("state").get("layer0.weight"))
        .isNotEqualTo(json.get("initial").get("layer0.weight"));
    assertThat(json.get("steps").get(1).get("loss").asText())
        .isNotEqualTo(json.get("steps").get(0).get("loss").asText());
  }
}
