package io.proofmint.protocol.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * {@link CheckpointBytes} produces exactly the encoder's bytes for any range, and the checkpoint
 * hash computed chunk by chunk on several threads from it is the streamed one.
 */
class CheckpointBytesTest {

  private static final CheckpointHasher HASHER = CheckpointHasher.sequential();

  /** Runs the chunks on the common fork-join pool, in no particular order. */
  private static final ParallelLoop PARALLEL =
      (count, body) -> IntStream.range(0, count).parallel().forEach(body);

  /**
   * Two tensors behind a header whose length is {@code nameLength}-dependent, so element boundaries
   * fall anywhere relative to chunk boundaries; {@code floats} spans several chunks.
   */
  private static Checkpoint checkpoint(int nameLength, int floats, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String name = "p".repeat(nameLength);
    return Checkpoint.of(
        11,
        TestCheckpoints.SPEC,
        List.of(
            TestCheckpoints.tensor(name, new int[] {floats}, random),
            TestCheckpoints.tensor("adam.v." + name, new int[] {floats / 3 + 1}, random)));
  }

  @Property(tries = 200)
  void anyRange_isTheSameBytesAsTheEncoding(
      @ForAll @IntRange(min = 1, max = 7) int nameLength,
      @ForAll @IntRange(min = 1, max = 40_000) int floats,
      @ForAll @LongRange(min = 0, max = 1_000_000) long from,
      @ForAll @IntRange(min = 0, max = 70_000) int count,
      @ForAll long seed) {
    Checkpoint checkpoint = checkpoint(nameLength, floats, seed);
    byte[] encoded = encodedElementByElement(checkpoint);
    assertThat(CheckpointEncoder.encode(checkpoint)).isEqualTo(encoded);
    CheckpointBytes bytes = new CheckpointBytes(checkpoint);
    assertThat(bytes.length()).isEqualTo(encoded.length);
    int start = (int) (from % encoded.length);
    int n = Math.min(count, encoded.length - start);
    byte[] target = new byte[n + 5];
    bytes.copy(start, target, 3, n);
    assertThat(Arrays.copyOfRange(target, 3, 3 + n))
        .isEqualTo(Arrays.copyOfRange(encoded, start, start + n));
    assertThat(target[0]).isZero();
    assertThat(target[n + 4]).isZero();
  }

  /** The encoding built independently: the header, then each element's raw bits, little-endian. */
  private static byte[] encodedElementByElement(Checkpoint checkpoint) {
    byte[] header = CheckpointEncoder.header(checkpoint.header());
    ByteBuffer out =
        ByteBuffer.allocate(header.length + Math.toIntExact(checkpoint.elementCount()) * 4)
            .order(ByteOrder.LITTLE_ENDIAN)
            .put(header);
    for (Tensor tensor : checkpoint.tensors()) {
      for (float value : tensor.data()) {
        out.putInt(Float.floatToRawIntBits(value));
      }
    }
    return out.array();
  }

  @Test
  void hashOverAParallelLoop_equalsTheStreamedHash_acrossChunkBoundaries() {
    int chunkFloats = ChunkHash.CHUNK_SIZE / Float.BYTES;
    for (int floats : new int[] {1, chunkFloats - 20, chunkFloats, 3 * chunkFloats + 1, 200_000}) {
      for (int nameLength = 1; nameLength <= 4; nameLength++) {
        Checkpoint checkpoint = checkpoint(nameLength, floats, floats + nameLength);
        assertThat(HASHER.hash(checkpoint, PARALLEL))
            .as("%d floats, name length %d", floats, nameLength)
            .isEqualTo(HASHER.hash(checkpoint))
            .isEqualTo(HASHER.hash(checkpoint, ParallelLoop.SEQUENTIAL));
      }
    }
  }

  @Test
  void hashOverALoop_seesAChangedElement() {
    Checkpoint checkpoint = checkpoint(3, 100_000, 5);
    var before = HASHER.hash(checkpoint, PARALLEL);
    checkpoint.tensors().get(0).data()[77_777] =
        Math.nextUp(checkpoint.tensors().get(0).data()[77_777]);
    assertThat(HASHER.hash(checkpoint, PARALLEL)).isNotEqualTo(before);
  }

  @Test
  void aRangeOutsideTheEncoding_isRefusedWithTheBounds() {
    CheckpointBytes bytes = new CheckpointBytes(checkpoint(2, 10, 1));
    long length = bytes.length();
    assertThatThrownBy(() -> bytes.copy(length - 2, new byte[8], 0, 4))
        .isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("within [0, " + length + ")");
    assertThatThrownBy(() -> bytes.copy(0, new byte[2], 0, 4))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
