package io.proofmint.verifier.sampling;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import io.proofmint.protocol.sampling.SegmentSampler;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Measures, with the protocol's own sampler, how often a trainer who faked a fraction {@code f} of
 * its {@code S} segments is caught by {@code q} samples: per trial a fresh seed and root ({@code
 * H("detection/seed/<t>")}, {@code H("detection/root/<t>")}) and a fresh random set of {@code
 * round(f S)} faked segments; caught iff a sampled segment is faked.
 */
public final class DetectionRate {

  /** Caught and total trials, and the distinct sampled segments summed over trials. */
  public record Measured(long caught, long trials, long distinctSum) {
    public double rate() {
      return (double) caught / trials;
    }

    /** The binomial standard error of {@link #rate()}. */
    public double standardError() {
      double p = rate();
      return Math.sqrt(Math.max(p * (1 - p), 1e-12) / trials);
    }

    public double meanDistinct() {
      return (double) distinctSum / trials;
    }
  }

  private DetectionRate() {}

  /**
   * @param fractions the faked fractions f
   * @param qs the sample counts q, each at most the largest
   * @return {@code [f][q]}
   */
  public static Measured[][] measure(
      int segments, double[] fractions, int[] qs, int trials, long randomSeed) {
    int maxQ = java.util.Arrays.stream(qs).max().orElseThrow();
    long[][] caught = new long[fractions.length][qs.length];
    long[] distinct = new long[qs.length];
    SplittableRandom random = new SplittableRandom(randomSeed);
    for (int t = 0; t < trials; t++) {
      Hash32 seed = Keccak.hashUtf8("detection/seed/" + t);
      Hash32 root = Keccak.hashUtf8("detection/root/" + t);
      long[] sample = SegmentSampler.sample(seed, root, segments, maxQ);
      for (int qi = 0; qi < qs.length; qi++) {
        distinct[qi] += java.util.Arrays.stream(sample, 0, qs[qi]).distinct().count();
      }
      for (int fi = 0; fi < fractions.length; fi++) {
        BitSet faked = fakedSet(segments, fractions[fi], random);
        int firstHit = Integer.MAX_VALUE;
        for (int j = 0; j < maxQ; j++) {
          if (faked.get((int) sample[j])) {
            firstHit = j;
            break;
          }
        }
        for (int qi = 0; qi < qs.length; qi++) {
          if (firstHit < qs[qi]) {
            caught[fi][qi]++;
          }
        }
      }
    }
    Measured[][] out = new Measured[fractions.length][qs.length];
    for (int fi = 0; fi < fractions.length; fi++) {
      for (int qi = 0; qi < qs.length; qi++) {
        out[fi][qi] = new Measured(caught[fi][qi], trials, distinct[qi]);
      }
    }
    return out;
  }

  private static BitSet fakedSet(int segments, double fraction, SplittableRandom random) {
    int count = (int) Math.round(fraction * segments);
    int[] order = new int[segments];
    for (int i = 0; i < segments; i++) {
      order[i] = i;
    }
    BitSet faked = new BitSet(segments);
    for (int i = 0; i < count; i++) { // partial Fisher-Yates
      int j = i + random.nextInt(segments - i);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
      faked.set(order[i]);
    }
    return faked;
  }
}
