package io.proofmint.worker.data;

import io.proofmint.protocol.dataset.Examples;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads image classification data in the IDX format of MNIST: an {@code idx3-ubyte} image file
 * ({@code count x rows x cols} unsigned bytes) and an {@code idx1-ubyte} label file ({@code count}
 * unsigned bytes), each optionally gzip-compressed (detected from the content, not the name).
 * Pixels become features scaled to {@code [0, 1]} by dividing by 255.
 */
public final class IdxExamplesLoader {

  private static final int UNSIGNED_BYTE = 0x08;

  private IdxExamplesLoader() {}

  /** Loads with the class count taken as the largest label plus one (10 for MNIST). */
  public static Examples load(Path images, Path labels) throws IOException {
    return load(images, labels, 0);
  }

  /**
   * @param classCount number of classes, or {@code 0} to take the largest label plus one
   */
  public static Examples load(Path images, Path labels, int classCount) throws IOException {
    int[] imageDims;
    float[] features;
    try (DataInputStream in = open(images)) {
      imageDims = header(in, images, 3);
      long pixels = (long) imageDims[0] * imageDims[1] * imageDims[2];
      if (pixels > Integer.MAX_VALUE - 8) {
        throw new ExamplesFormatException(
            "%s: %d pixels do not fit one float array".formatted(images, pixels));
      }
      byte[] raw = readFully(in, (int) pixels, images, "pixels");
      features = new float[raw.length];
      for (int i = 0; i < raw.length; i++) {
        features[i] = (raw[i] & 0xff) / 255f;
      }
    }
    int[] labelValues;
    int maxLabel = -1;
    try (DataInputStream in = open(labels)) {
      int[] labelDims = header(in, labels, 1);
      if (labelDims[0] != imageDims[0]) {
        throw new ExamplesFormatException(
            "%s holds %d images but %s holds %d labels"
                .formatted(images, imageDims[0], labels, labelDims[0]));
      }
      byte[] raw = readFully(in, labelDims[0], labels, "labels");
      labelValues = new int[raw.length];
      for (int i = 0; i < raw.length; i++) {
        labelValues[i] = raw[i] & 0xff;
        maxLabel = Math.max(maxLabel, labelValues[i]);
        if (classCount > 0 && labelValues[i] >= classCount) {
          throw new ExamplesFormatException(
              "%s label %d: expected a class in [0, %d), got %d"
                  .formatted(labels, i, classCount, labelValues[i]));
        }
      }
    }
    int classes = classCount > 0 ? classCount : Math.max(2, maxLabel + 1);
    return new Examples(imageDims[1] * imageDims[2], classes, features, labelValues);
  }

  private static DataInputStream open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file));
    raw.mark(2);
    int b0 = raw.read();
    int b1 = raw.read();
    raw.reset();
    InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
    return new DataInputStream(new BufferedInputStream(in, 1 << 16));
  }

  private static int[] header(DataInputStream in, Path file, int dimensions) throws IOException {
    int magic;
    try {
      magic = in.readInt();
    } catch (EOFException e) {
      throw new ExamplesFormatException(file + ": empty file, expected an IDX header");
    }
    int expected = (UNSIGNED_BYTE << 8) | dimensions;
    if (magic != expected) {
      throw new ExamplesFormatException(
          "%s: expected IDX magic 0x%08x (unsigned bytes, %d dimensions), got 0x%08x"
              .formatted(file, expected, dimensions, magic));
    }
    int[] dims = new int[dimensions];
    for (int d = 0; d < dimensions; d++) {
      try {
        dims[d] = in.readInt();
      } catch (EOFException e) {
        throw new ExamplesFormatException(
            "%s: header ends before dimension %d of %d".formatted(file, d + 1, dimensions));
      }
      if (dims[d] <= 0) {
        throw new ExamplesFormatException(
            "%s: dimension %d must be positive, got %d".formatted(file, d + 1, dims[d]));
      }
    }
    return dims;
  }

  private static byte[] readFully(DataInputStream in, int count, Path file, String what)
      throws IOException {
    byte[] bytes = new byte[count];
    int read = in.readNBytes(bytes, 0, count);
    if (read != count) {
      throw new ExamplesFormatException(
          "%s: expected %d bytes of %s, the file ends after %d".formatted(file, count, what, read));
    }
    return bytes;
  }
}
