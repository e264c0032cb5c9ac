package io.proofmint.worker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.dataset.Examples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExamplesLoaderTest {

  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  @Test
  void load_readsFeaturesAndLastColumnLabels_skippingDetectedHeader() throws IOException {
    Path file = write("d.csv", "a,b,label\n0.5,1,2\n\n-3,4e-1,0\n");

    Examples examples = CsvExamplesLoader.load(file);

    assertThat(examples.featureCount()).isEqualTo(2);
    assertThat(examples.classCount()).isEqualTo(3);
    assertThat(examples.features()).containsExactly(0.5f, 1f, -3f, 0.4f);
    assertThat(examples.labels()).containsExactly(2, 0);
  }

  @Test
  void load_withoutHeader_andLabelInFirstColumn() throws IOException {
    Path file = write("d.csv", "1;0.25;0.75\n0;1;2\n");

    Examples examples =
        CsvExamplesLoader.load(file, new CsvFormat(CsvFormat.Header.ABSENT, 0, ';', 4));

    assertThat(examples.classCount()).isEqualTo(4);
    assertThat(examples.labels()).containsExactly(1, 0);
    assertThat(examples.features()).containsExactly(0.25f, 0.75f, 1f, 2f);
  }

  @Test
  void load_namesFileLineAndColumnOfABadNumber() throws IOException {
    Path file = write("bad.csv", "x,y,label\n1,2,0\n1,oops,1\n");

    assertThatThrownBy(() -> CsvExamplesLoader.load(file))
        .isInstanceOf(ExamplesFormatException.class)
        .hasMessage(file + " line 3 column 2: expected a number, got 'oops'");
  }

  @Test
  void load_rejectsRaggedRowsAndBadLabels() throws IOException {
    Path ragged = write("ragged.csv", "1,2,0\n1,0\n");
    Path fractional = write("fractional.csv", "1,2,0.5\n");
    Path outOfRange = write("range.csv", "1,2,3\n");

    assertThatThrownBy(() -> CsvExamplesLoader.load(ragged))
        .hasMessage(ragged + " line 2: expected 3 columns, got 2");
    assertThatThrownBy(() -> CsvExamplesLoader.load(fractional))
        .hasMessage(fractional + " line 1 column 3: expected an integer class label, got '0.5'");
    assertThatThrownBy(
            () -> CsvExamplesLoader.load(outOfRange, CsvFormat.defaults().withClassCount(3)))
        .hasMessage(outOfRange + " line 1 column 3: expected a class label in [0, 3), got 3");
  }

  @Test
  void load_rejectsAFileWithoutExamples() throws IOException {
    Path file = write("empty.csv", "a,b,label\n");

    assertThatThrownBy(() -> CsvExamplesLoader.load(file))
        .hasMessage(file + ": no examples (the file is empty or only a header)");
  }
}
