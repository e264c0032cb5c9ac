package io.proofmint.protocol.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.io.FormatException;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class CheckpointCodecPropertyTest {

  private static final CheckpointHasher HASHER = CheckpointHasher.sequential();

  @Provide
  Arbitrary<Checkpoint> checkpoints() {
    Arbitrary<Tensor> tensor =
        Combinators.combine(
                Arbitraries.strings()
                    .withCharRange('a', 'z')
                    .withChars('.', '_', 'é', '名')
                    .ofMinLength(1)
                    .ofMaxLength(12),
                Arbitraries.integers().between(1, 4).list().ofMaxSize(3))
            .flatAs(
                (name, dims) -> {
                  int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
                  int count = dims.stream().reduce(1, (a, b) -> a * b);
                  return Arbitraries.integers()
                      .map(Float::intBitsToFloat) // every bit pattern, NaNs included
                      .array(float[].class)
                      .ofSize(count)
                      .map(data -> Tensor.wrap(name, shape, data));
                });
    return Combinators.combine(
            Arbitraries.longs().greaterOrEqual(0),
            Arbitraries.bytes().array(byte[].class).ofSize(32).map(Hash32::of),
            tensor.list().ofMaxSize(4).uniqueElements(Tensor::name))
        .as(Checkpoint::of);
  }

  @Property(tries = 300)
  void roundTrip_isIdentityOnValuesAndBytes(@ForAll("checkpoints") Checkpoint checkpoint)
      throws FormatException {
    byte[] encoded = CheckpointEncoder.encode(checkpoint);
    Checkpoint decoded = CheckpointDecoder.decode(encoded);
    assertThat(decoded).isEqualTo(checkpoint);
    assertThat(CheckpointEncoder.encode(decoded)).isEqualTo(encoded);
    assertThat(HASHER.hash(decoded)).isEqualTo(HASHER.hash(encoded));
  }

  @Property(tries = 300)
  void flippingAnyByte_isRejectedOrYieldsAnotherCheckpointAndHash(
      @ForAll("checkpoints") Checkpoint checkpoint,
      @ForAll @IntRange(max = 100_000) int where,
      @ForAll @IntRange(min = 1, max = 255) int mask) {
    byte[] encoded = CheckpointEncoder.encode(checkpoint);
    byte[] tampered = encoded.clone();
    tampered[where % tampered.length] ^= (byte) mask;
    assertThat(HASHER.hash(tampered)).isNotEqualTo(HASHER.hash(encoded));
    try {
      Checkpoint decoded = CheckpointDecoder.decode(tampered);
      assertThat(decoded).isNotEqualTo(checkpoint);
      assertThat(CheckpointEncoder.encode(decoded)).isEqualTo(tampered); // still canonical
    } catch (FormatException expected) {
      assertThat(expected.offset()).isBetween(0L, (long) tampered.length);
    }
  }

  @Property(tries = 300)
  void everyTruncation_isRejected(
      @ForAll("checkpoints") Checkpoint checkpoint, @ForAll @IntRange(max = 100_000) int cut) {
    byte[] encoded = CheckpointEncoder.encode(checkpoint);
    byte[] truncated = Arrays.copyOf(encoded, cut % encoded.length);
    try {
      CheckpointDecoder.decode(truncated);
      throw new AssertionError("decoded a truncated checkpoint of " + truncated.length + " bytes");
    } catch (FormatException expected) {
      assertThat(expected.getMessage()).contains("truncated");
    }
  }
}
