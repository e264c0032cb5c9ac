package io.proofmint.worker.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.dataset.Examples;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxExamplesLoaderTest {

  @TempDir Path dir;

  private static byte[] idx(int dimensions, int[] dims, byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt(0x0800 | dimensions);
    for (int d : dims) {
      out.writeInt(d);
    }
    out.write(data);
    return bytes.toByteArray();
  }

  private Path write(String name, byte[] content, boolean gzip) throws IOException {
    Path file = dir.resolve(name);
    try (OutputStream out =
        gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      out.write(content);
    }
    return file;
  }

  private static final byte[] PIXELS = {0, (byte) 255, (byte) 51, 102, 1, 2, 3, 4};

  @Test
  void load_readsImagesScaledToUnitInterval_andLabels() throws IOException {
    Path images = write("img.idx3-ubyte", idx(3, new int[] {2, 2, 2}, PIXELS), false);
    Path labels = write("lbl.idx1-ubyte", idx(1, new int[] {2}, new byte[] {9, 3}), false);

    Examples examples = IdxExamplesLoader.load(images, labels);

    assertThat(examples.size()).isEqualTo(2);
    assertThat(examples.featureCount()).isEqualTo(4);
    assertThat(examples.classCount()).isEqualTo(10);
    assertThat(examples.features()[0]).isZero();
    assertThat(examples.features()[1]).isEqualTo(1f);
    assertThat(examples.features()[2]).isEqualTo(51 / 255f);
    assertThat(examples.labels()).containsExactly(9, 3);
  }

  @Test
  void load_readsGzipByContent() throws IOException {
    Path images = write("img.bin", idx(3, new int[] {2, 2, 2}, PIXELS), true);
    Path labels = write("lbl.bin", idx(1, new int[] {2}, new byte[] {1, 0}), true);

    Examples examples = IdxExamplesLoader.load(images, labels, 2);

    assertThat(examples.features()[1]).isEqualTo(1f);
    assertThat(examples.labels()).containsExactly(1, 0);
  }

  @Test
  void load_rejectsWrongMagic_countMismatch_andTruncation() throws IOException {
    Path images = write("img", idx(3, new int[] {2, 2, 2}, PIXELS), false);
    Path labelsAsImages = write("lbl3", idx(3, new int[] {2, 1, 1}, new byte[2]), false);
    Path threeLabels = write("lbl", idx(1, new int[] {3}, new byte[3]), false);
    Path truncated = write("short", idx(3, new int[] {2, 2, 2}, new byte[5]), false);
    Path labels = write("ok", idx(1, new int[] {2}, new byte[2]), false);

    assertThatThrownBy(() -> IdxExamplesLoader.load(images, labelsAsImages))
        .isInstanceOf(ExamplesFormatException.class)
        .hasMessage(
            labelsAsImages
                + ": expected IDX magic 0x00000801 (unsigned bytes, 1 dimensions), got 0x00000803");
    assertThatThrownBy(() -> IdxExamplesLoader.load(images, threeLabels))
        .hasMessage(images + " holds 2 images but " + threeLabels + " holds 3 labels");
    assertThatThrownBy(() -> IdxExamplesLoader.load(truncated, labels))
        .hasMessage(truncated + ": expected 8 bytes of pixels, the file ends after 5");
  }
}
