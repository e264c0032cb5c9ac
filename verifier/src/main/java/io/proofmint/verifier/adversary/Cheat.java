package io.proofmint.verifier.adversary;

import io.proofmint.protocol.crypto.Hash32;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** How a {@link CheatingTrainer} forges its segments. */
public sealed interface Cheat {

  /** Whether segment {@code i} is forged (the others are trained honestly). */
  boolean forges(int segment);

  /**
   * Skips training altogether: every {@code C_{i+1}} is random weights (N(0, 0.1) per element,
   * optimizer moments zero, the step counter right), every record holds the derived batch hash and
   * a made-up loss.
   */
  record RandomWeights(long seed) implements Cheat {
    @Override
    public boolean forges(int segment) {
      return true;
    }
  }

  /**
   * Trains every step, but on the batches of another task seed, and records the batch hashes
   * derived for this task (so the records look right; the states do not).
   */
  record OtherData(Hash32 otherTaskSeed) implements Cheat {
    @Override
    public boolean forges(int segment) {
      return true;
    }
  }

  /**
   * Trains the segments not in {@code faked} honestly; for each faked segment it runs only the
   * first of its {@code k} steps and extrapolates the parameters linearly ({@code C_{i+1} = C_i + k
   * (C_i' - C_i)}, with {@code C_i'} the state after that one step), saving {@code (k-1)/k} of the
   * segment's work. Its records repeat the one real loss. The following honest segments start from
   * the forged state, so exactly the faked segments fail a replay.
   */
  record FakeSegments(SortedSet<Integer> faked) implements Cheat {
    public FakeSegments {
      faked = new TreeSet<>(faked);
    }

    public static FakeSegments of(Set<Integer> faked) {
      return new FakeSegments(new TreeSet<>(faked));
    }

    /** Every {@code period}-th segment of {@code segments}, starting at {@code offset}. */
    public static FakeSegments everyNth(int segments, int period, int offset) {
      TreeSet<Integer> faked = new TreeSet<>();
      for (int i = offset; i < segments; i += period) {
        faked.add(i);
      }
      return new FakeSegments(faked);
    }

    @Override
    public boolean forges(int segment) {
      return faked.contains(segment);
    }
  }
}
