package io.proofmint.protocol.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.crypto.Hex;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.io.FormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShardCodecTest {

  static Examples shard() {
    return Examples.of(2, 3, new float[] {1f, 2f, 3f, 4f, 5f, 6f}, new int[] {0, 2, 1});
  }

  @Test
  void encode_layoutIsExactlyAsSpecified() {
    Examples shard = Examples.of(2, 3, new float[] {1f, -2f}, new int[] {2});
    assertThat(Hex.encode(ShardCodec.encode(shard)))
        .isEqualTo(
            "0x"
                + "504d4453" // "PMDS"
                + "01000000" // version
                + "02000000" // features
                + "03000000" // classes
                + "01000000" // examples
                + "0000803f" // 1.0f
                + "000000c0" // -2.0f
                + "02000000"); // label 2
  }

  @Test
  void decode_roundTrips() throws FormatException {
    byte[] bytes = ShardCodec.encode(shard());
    assertThat(ShardCodec.decode(bytes, "shard")).isEqualTo(shard());
    assertThat(ShardCodec.hash(shard())).isEqualTo(Keccak.hash(bytes));
  }

  @Test
  void decode_rejectsLabelOutOfRangeNamingExampleAndOffset() {
    byte[] bytes = ShardCodec.encode(shard());
    int labelOffset = ShardCodec.HEADER_SIZE + 6 * 4 + 4; // example 1
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(labelOffset, 3);
    assertThatThrownBy(() -> ShardCodec.decode(bytes, "shard s.pmds"))
        .isInstanceOf(FormatException.class)
        .hasMessage(
            "shard s.pmds at offset %d: example 1: expected a label in [0, 3), got 3"
                .formatted(labelOffset));
  }

  @Test
  void decode_rejectsTruncationAndTrailingBytes() {
    byte[] bytes = ShardCodec.encode(shard());
    assertThatThrownBy(() -> ShardCodec.decode(Arrays.copyOf(bytes, bytes.length - 1), "s"))
        .hasMessage("s at offset 55: expected 56 bytes for 3 examples of 2 features, got 55");
    assertThatThrownBy(() -> ShardCodec.decode(Arrays.copyOf(bytes, bytes.length + 1), "s"))
        .hasMessage("s at offset 56: expected 56 bytes for 3 examples of 2 features, got 57");
  }

  @Test
  void decode_rejectsHugeDeclaredCountBeforeAllocating() {
    byte[] bytes = ShardCodec.encode(shard());
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 1_000_000_000);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 2);
    assertThatThrownBy(() -> ShardCodec.decode(bytes, "s"))
        .hasMessage(
            "s at offset 56: expected 12000000020 bytes for 1000000000 examples of 2 features, got 56");
  }

  @Test
  void decode_rejectsZeroExamples() {
    byte[] bytes = ShardCodec.encode(shard());
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 0);
    assertThatThrownBy(() -> ShardCodec.decode(bytes, "s"))
        .hasMessage("s at offset 16: expected example count in [1, 2^31), got 0");
  }

  @Test
  void shard_rejectsFeatureCountMismatch() {
    assertThatThrownBy(() -> Examples.of(2, 3, new float[5], new int[3]))
        .hasMessage("examples: 3 labels x 2 features needs 6 floats, got 5");
  }

  @Test
  void encode_rejectsAShardWithoutExamples() {
    assertThatThrownBy(() -> ShardCodec.encode(Examples.of(2, 3, new float[0], new int[0])))
        .hasMessage("shard: expected at least 1 example, got 0");
  }
}
