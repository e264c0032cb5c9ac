package io.proofmint.protocol.dataset;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.io.FormatException;
import io.proofmint.protocol.io.LittleEndianReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The shard file format of protocol.md section 8.1: a 20-byte header (magic {@code "PMDS"},
 * version, feature count, class count, example count; u32 little-endian), then the features as
 * float32 and the labels as int32, all little-endian. The shard hash is keccak-256 of these bytes.
 */
public final class ShardCodec {

  public static final byte[] MAGIC = "PMDS".getBytes(StandardCharsets.US_ASCII);
  public static final int VERSION = 1;
  public static final int HEADER_SIZE = 20;

  private ShardCodec() {}

  public static byte[] encode(Examples shard) {
    if (shard.size() < 1) {
      throw new IllegalArgumentException("shard: expected at least 1 example, got 0");
    }
    long length = HEADER_SIZE + 4L * shard.features().length + 4L * shard.size();
    if (length > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "shard: expected at most 2 GiB encoded, got %d bytes".formatted(length));
    }
    ByteBuffer out = ByteBuffer.allocate((int) length).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC)
        .putInt(VERSION)
        .putInt(shard.featureCount())
        .putInt(shard.classCount())
        .putInt(shard.size());
    out.asFloatBuffer().put(shard.features());
    out.position(out.position() + 4 * shard.features().length);
    out.asIntBuffer().put(shard.labels());
    return out.array();
  }

  /** keccak-256 of the shard's encoding. */
  public static Hash32 hash(Examples shard) {
    return Keccak.hash(encode(shard));
  }

  /** Decodes a shard; accepts only the canonical encoding. Errors name {@code source}. */
  public static Examples decode(byte[] bytes, String source) throws FormatException {
    LittleEndianReader reader = new LittleEndianReader(new ByteArrayInputStream(bytes), source);
    try {
      byte[] magic = reader.readBytes(MAGIC.length, "magic");
      if (!Arrays.equals(magic, MAGIC)) {
        throw reader.error(0, "expected magic \"PMDS\", got %s".formatted(Arrays.toString(magic)));
      }
      long version = reader.readU32("format version");
      if (version != VERSION) {
        throw reader.error(4, "expected format version %d, got %d".formatted(VERSION, version));
      }
      long features = positive(reader, "feature count");
      long classes = positive(reader, "class count");
      long examples = positive(reader, "example count");
      if (features * examples > Integer.MAX_VALUE) {
        throw reader.error(
            8,
            "expected at most %d feature values, got %d examples x %d features"
                .formatted(Integer.MAX_VALUE, examples, features));
      }
      long expected = HEADER_SIZE + 4 * features * examples + 4 * examples;
      if (bytes.length != expected) {
        throw reader.error(
            Math.min(bytes.length, expected),
            "expected %d bytes for %d examples of %d features, got %d"
                .formatted(expected, examples, features, bytes.length));
      }
      float[] values = new float[(int) (features * examples)];
      reader.readFloats(values, "features");
      int[] labels = new int[(int) examples];
      long labelsOffset = reader.offset();
      reader.readInts(labels, "labels");
      for (int i = 0; i < labels.length; i++) {
        if (labels[i] < 0 || labels[i] >= classes) {
          throw reader.error(
              labelsOffset + 4L * i,
              "example %d: expected a label in [0, %d), got %d".formatted(i, classes, labels[i]));
        }
      }
      reader.expectEnd();
      return new Examples((int) features, (int) classes, values, labels);
    } catch (FormatException e) {
      throw e;
    } catch (IOException e) {
      throw new IllegalStateException("in-memory stream failed", e);
    }
  }

  private static long positive(LittleEndianReader reader, String what) throws IOException {
    long at = reader.offset();
    long value = reader.readU32(what);
    if (value < 1 || value > Integer.MAX_VALUE) {
      throw reader.error(at, "expected %s in [1, 2^31), got %d".formatted(what, value));
    }
    return value;
  }
}
