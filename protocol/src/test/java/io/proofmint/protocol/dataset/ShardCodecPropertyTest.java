package io.proofmint.protocol.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.io.FormatException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class ShardCodecPropertyTest {

  @Provide
  Arbitrary<Examples> shards() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 5),
            Arbitraries.integers().between(1, 4),
            Arbitraries.integers().between(1, 6))
        .flatAs(
            (features, classes, examples) ->
                Combinators.combine(
                        Arbitraries.integers()
                            .map(Float::intBitsToFloat)
                            .array(float[].class)
                            .ofSize(features * examples),
                        Arbitraries.integers()
                            .between(0, classes - 1)
                            .array(int[].class)
                            .ofSize(examples))
                    .as((values, labels) -> Examples.of(features, classes, values, labels)));
  }

  @Property(tries = 300)
  void roundTrip_isIdentity(@ForAll("shards") Examples shard) throws FormatException {
    byte[] bytes = ShardCodec.encode(shard);
    Examples decoded = ShardCodec.decode(bytes, "shard");
    assertThat(decoded).isEqualTo(shard);
    assertThat(ShardCodec.encode(decoded)).isEqualTo(bytes);
  }

  @Property(tries = 300)
  void flippingAnyByte_changesTheShardHash(
      @ForAll("shards") Examples shard,
      @ForAll @IntRange(max = 10_000) int where,
      @ForAll @IntRange(min = 1, max = 255) int mask) {
    byte[] bytes = ShardCodec.encode(shard);
    byte[] tampered = bytes.clone();
    tampered[where % bytes.length] ^= (byte) mask;
    assertThat(Keccak.hash(tampered)).isNotEqualTo(Keccak.hash(bytes));
    try {
      assertThat(ShardCodec.decode(tampered, "shard")).isNotEqualTo(shard);
    } catch (FormatException rejected) {
      assertThat(rejected.getMessage()).startsWith("shard at offset");
    }
  }
}
