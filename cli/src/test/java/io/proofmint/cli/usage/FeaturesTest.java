package io.proofmint.cli.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturesTest {

  @TempDir Path dir;

  @Test
  void readsCommaLists_jsonArrays_andCsvFiles() throws Exception {
    assertThat(Features.parseList("0.5, 2,3")).containsExactly(0.5f, 2f, 3f);
    Path json = Files.writeString(dir.resolve("x.json"), "[1, 2.5, -3]");
    assertThat(Features.read(json)).containsExactly(1f, 2.5f, -3f);
    Path csv = Files.writeString(dir.resolve("x.csv"), "1,2\n3\n");
    assertThat(Features.read(csv)).containsExactly(1f, 2f, 3f);
  }

  @Test
  void refusesWhatIsNotANumber() {
    assertThatThrownBy(() -> Features.parseList("1,two")).hasMessageContaining("features[1]");
    assertThatThrownBy(() -> Features.parseList(" ")).hasMessageContaining("got none");
    assertThatThrownBy(() -> Features.read(dir.resolve("missing")))
        .hasMessageContaining("no such file");
  }
}
