package io.proofmint.protocol.sampling;

import io.proofmint.protocol.crypto.AbiEncoder;
import io.proofmint.protocol.crypto.Hash32;
import java.math.BigInteger;

/**
 * The sampled segments of protocol.md section 5: {@code segment_j = uint256(H(abi.encode(seed,
 * root, j))) mod S} for {@code j < q}, with replacement.
 */
public final class SegmentSampler {

  private SegmentSampler() {}

  /** The {@code j}-th sampled segment. */
  public static long segment(Hash32 seed, Hash32 root, long segments, long j) {
    checkSegments(segments);
    Hash32 word = AbiEncoder.create().bytes32(seed).bytes32(root).uint256(j).hash();
    return word.toUnsignedBigInteger().mod(BigInteger.valueOf(segments)).longValueExact();
  }

  /** All {@code q} sampled segments, in draw order (duplicates possible). */
  public static long[] sample(Hash32 seed, Hash32 root, long segments, int q) {
    checkSegments(segments);
    if (q < 0) {
      throw new IllegalArgumentException("q: expected >= 0, got " + q);
    }
    long[] sampled = new long[q];
    for (int j = 0; j < q; j++) {
      sampled[j] = segment(seed, root, segments, j);
    }
    return sampled;
  }

  private static void checkSegments(long segments) {
    if (segments < 1) {
      throw new IllegalArgumentException("segments: expected >= 1, got " + segments);
    }
  }
}
