package io.proofmint.protocol.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Hex;
import io.proofmint.protocol.io.FormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointCodecTest {

  @Test
  void encode_layoutIsExactlyAsSpecified() {
    Checkpoint checkpoint =
        Checkpoint.of(
            5,
            Hash32.fromHex("0x" + "ab".repeat(32)),
            List.of(Tensor.of("w", new int[] {2}, new float[] {1.0f, -2.0f})));
    String expected =
        "0x"
            + "504d434b" // "PMCK"
            + "01000000" // version 1
            + "ab".repeat(32) // spec hash
            + "0500000000000000" // step 5
            + "01000000" // 1 tensor
            + "0100" // name length 1
            + "77" // "w"
            + "01" // dtype float32
            + "01" // rank 1
            + "02000000" // dim 2
            + "0000803f" // 1.0f little-endian
            + "000000c0"; // -2.0f
    assertThat(Hex.encode(CheckpointEncoder.encode(checkpoint))).isEqualTo(expected);
    assertThat(checkpoint.header().encodedLength()).isEqualTo((expected.length() - 2) / 2);
  }

  @Test
  void decode_roundTripsAndReencodesToSameBytes() throws FormatException {
    Checkpoint checkpoint = TestCheckpoints.small(100, 1);
    byte[] encoded = CheckpointEncoder.encode(checkpoint);
    Checkpoint decoded = CheckpointDecoder.decode(encoded);
    assertThat(decoded).isEqualTo(checkpoint);
    assertThat(CheckpointEncoder.encode(decoded)).isEqualTo(encoded);
  }

  @Test
  void decode_keepsRawBitsOfNanAndSignedZero() throws FormatException {
    float[] data = {Float.intBitsToFloat(0x7fc00123), -0.0f, Float.intBitsToFloat(0xff800001)};
    Checkpoint checkpoint =
        Checkpoint.of(0, Hash32.ZERO, List.of(Tensor.of("odd", new int[] {3}, data)));
    Checkpoint decoded = CheckpointDecoder.decode(CheckpointEncoder.encode(checkpoint));
    float[] back = decoded.tensors().get(0).data();
    for (int i = 0; i < data.length; i++) {
      assertThat(Float.floatToRawIntBits(back[i])).isEqualTo(Float.floatToRawIntBits(data[i]));
    }
    Checkpoint positiveZero =
        Checkpoint.of(0, Hash32.ZERO, List.of(Tensor.of("z", new int[] {1}, new float[] {0.0f})));
    Checkpoint negativeZero =
        Checkpoint.of(0, Hash32.ZERO, List.of(Tensor.of("z", new int[] {1}, new float[] {-0.0f})));
    assertThat(positiveZero).isNotEqualTo(negativeZero);
  }

  @Test
  void decode_scalarTensorHasRankZero() throws FormatException {
    Checkpoint checkpoint =
        Checkpoint.of(0, Hash32.ZERO, List.of(Tensor.of("lr", new int[] {}, new float[] {0.1f})));
    assertThat(CheckpointDecoder.decode(CheckpointEncoder.encode(checkpoint)))
        .isEqualTo(checkpoint);
  }

  @Test
  void decode_truncatedDataNamesTensorOffsetAndCounts() {
    byte[] encoded = CheckpointEncoder.encode(TestCheckpoints.small(1, 2));
    byte[] truncated = Arrays.copyOf(encoded, encoded.length - 3);
    assertThatThrownBy(() -> CheckpointDecoder.decode(truncated))
        .isInstanceOf(FormatException.class)
        .hasMessage(
            "checkpoint at offset %d: truncated in data of tensor 'adam.m.layer0.W': expected %d bytes in all, got %d"
                .formatted(truncated.length, encoded.length, truncated.length));
  }

  @Test
  void decode_rejectsHugeDeclaredShapeBeforeAllocating() {
    Checkpoint checkpoint =
        Checkpoint.of(0, Hash32.ZERO, List.of(Tensor.of("w", new int[] {1}, new float[] {1})));
    byte[] encoded = CheckpointEncoder.encode(checkpoint);
    int dimOffset = CheckpointFormat.FIXED_HEADER_SIZE + 2 + 1 + 2;
    ByteBuffer.wrap(encoded).order(ByteOrder.LITTLE_ENDIAN).putInt(dimOffset, Integer.MAX_VALUE);
    assertThatThrownBy(() -> CheckpointDecoder.decode(encoded))
        .hasMessageContaining("truncated in data of tensor 'w': expected 8589934649 bytes in all");
  }

  @Test
  void decode_rejectsBadMagic() {
    byte[] encoded = CheckpointEncoder.encode(TestCheckpoints.small(1, 2));
    encoded[0] = 'X';
    assertThatThrownBy(() -> CheckpointDecoder.decode(encoded))
        .hasMessage("checkpoint at offset 0: expected magic 0x504d434b, got 0x584d434b");
  }

  @Test
  void decode_rejectsUnknownVersion() {
    byte[] encoded = CheckpointEncoder.encode(TestCheckpoints.small(1, 2));
    encoded[4] = 2;
    assertThatThrownBy(() -> CheckpointDecoder.decode(encoded))
        .hasMessage("checkpoint at offset 4: expected format version 1, got 2");
  }

  @Test
  void decode_rejectsUnknownDtype() {
    Checkpoint checkpoint =
        Checkpoint.of(0, Hash32.ZERO, List.of(Tensor.of("w", new int[] {1}, new float[] {1})));
    byte[] encoded = CheckpointEncoder.encode(checkpoint);
    int dtypeOffset = CheckpointFormat.FIXED_HEADER_SIZE + 2 + 1;
    encoded[dtypeOffset] = 7;
    assertThatThrownBy(() -> CheckpointDecoder.decode(encoded))
        .hasMessage(
            "checkpoint at offset %d: tensor 0 'w': expected dtype code 1 (float32), got 7"
                .formatted(dtypeOffset));
  }

  @Test
  void decode_rejectsTrailingBytes() {
    byte[] encoded = CheckpointEncoder.encode(TestCheckpoints.small(1, 2));
    byte[] longer = Arrays.copyOf(encoded, encoded.length + 2);
    assertThatThrownBy(() -> CheckpointDecoder.decode(longer))
        .hasMessage(
            "checkpoint at offset %d: expected end of data, got 2 more bytes"
                .formatted(encoded.length));
  }

  @Test
  void decode_rejectsZeroDimensionAndNegativeStep() {
    Checkpoint checkpoint =
        Checkpoint.of(0, Hash32.ZERO, List.of(Tensor.of("w", new int[] {1}, new float[] {1})));
    byte[] zeroDim = CheckpointEncoder.encode(checkpoint);
    int dimOffset = CheckpointFormat.FIXED_HEADER_SIZE + 2 + 1 + 2;
    ByteBuffer.wrap(zeroDim).order(ByteOrder.LITTLE_ENDIAN).putInt(dimOffset, 0);
    assertThatThrownBy(() -> CheckpointDecoder.decode(zeroDim))
        .hasMessageContaining(
            "offset %d: tensor 0 'w': expected dimension 0 in 1..2^31-1".formatted(dimOffset));

    byte[] hugeStep = CheckpointEncoder.encode(checkpoint);
    hugeStep[40 + 7] = (byte) 0x80;
    assertThatThrownBy(() -> CheckpointDecoder.decode(hugeStep))
        .hasMessage("checkpoint at offset 40: expected step < 2^63, got 9223372036854775808");
  }

  @Test
  void decode_rejectsDuplicateNames() {
    Checkpoint checkpoint =
        Checkpoint.of(
            0,
            Hash32.ZERO,
            List.of(
                Tensor.of("a", new int[] {1}, new float[] {1}),
                Tensor.of("b", new int[] {1}, new float[] {1})));
    byte[] encoded = CheckpointEncoder.encode(checkpoint);
    int secondName = CheckpointFormat.FIXED_HEADER_SIZE + (2 + 1 + 2 + 4) + 2;
    encoded[secondName] = 'a';
    assertThatThrownBy(() -> CheckpointDecoder.decode(encoded))
        .hasMessageContaining("tensor 1: expected a unique name, got 'a' again");
  }

  @Test
  void decode_rejectsInvalidUtf8Name() {
    Checkpoint checkpoint =
        Checkpoint.of(0, Hash32.ZERO, List.of(Tensor.of("w", new int[] {1}, new float[] {1})));
    byte[] encoded = CheckpointEncoder.encode(checkpoint);
    encoded[CheckpointFormat.FIXED_HEADER_SIZE + 2] = (byte) 0xc0;
    assertThatThrownBy(() -> CheckpointDecoder.decode(encoded))
        .hasMessageContaining("tensor 0: expected a UTF-8 name, got 0xc0");
  }

  @Test
  void tensor_rejectsShapeThatDoesNotMatchData() {
    assertThatThrownBy(() -> Tensor.of("w", new int[] {2, 3}, new float[5]))
        .hasMessage("tensor 'w': shape [2, 3] expects 6 elements, got 5");
  }

  @Test
  void checkpoint_rejectsDuplicateTensorNames() {
    Tensor a = Tensor.of("a", new int[] {1}, new float[] {1});
    assertThatThrownBy(() -> Checkpoint.of(0, Hash32.ZERO, List.of(a, a)))
        .hasMessage("checkpoint: expected unique tensor names, got 'a' twice");
  }

  @Test
  void tensor_rejectsUnpairedSurrogateName() {
    assertThatThrownBy(() -> Tensor.of("w\uD800", new int[] {1}, new float[1]))
        .hasMessageContaining("unpaired surrogate");
  }
}
