package io.proofmint.protocol.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proofmint.protocol.crypto.AbiEncoder;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class SegmentSamplerTest {

  private final Hash32 seed = Keccak.hashUtf8("seed");
  private final Hash32 root = Keccak.hashUtf8("root");

  @Test
  void seed_isKeccakOfAbiEncodedBlockHashTaskIdRoot() {
    Hash32 block = Keccak.hashUtf8("block");
    assertThat(ChallengeSeed.of(block, BigInteger.valueOf(7), root))
        .isEqualTo(AbiEncoder.create().bytes32(block).uint256(7).bytes32(root).hash());
  }

  @Test
  void segment_isFullHashModuloS() {
    BigInteger word =
        AbiEncoder.create().bytes32(seed).bytes32(root).uint256(2).hash().toUnsignedBigInteger();
    assertThat(SegmentSampler.segment(seed, root, 1000003, 2))
        .isEqualTo(word.mod(BigInteger.valueOf(1000003)).longValueExact());
  }

  @Test
  void sample_isDeterministicAndInRange() {
    long[] first = SegmentSampler.sample(seed, root, 7, 64);
    assertThat(first).isEqualTo(SegmentSampler.sample(seed, root, 7, 64));
    assertThat(java.util.Arrays.stream(first).boxed()).allMatch(s -> s >= 0 && s < 7);
  }

  @Test
  void sample_ofOneSegmentIsAlwaysZero() {
    assertThat(SegmentSampler.sample(seed, root, 1, 5)).containsOnly(0L);
  }

  @Test
  void sample_coversAllSegmentsRoughlyEvenly() {
    int segments = 8;
    int[] counts = new int[segments];
    for (long s : SegmentSampler.sample(seed, root, segments, 8000)) {
      counts[(int) s]++;
    }
    // expected 1000 each; 5 sigma of a binomial(8000, 1/8) is ~148
    assertThat(java.util.Arrays.stream(counts).boxed()).allMatch(c -> c > 850 && c < 1150);
  }

  @Test
  void sample_rejectsZeroSegments() {
    assertThatThrownBy(() -> SegmentSampler.sample(seed, root, 0, 1))
        .hasMessage("segments: expected >= 1, got 0");
  }
}
