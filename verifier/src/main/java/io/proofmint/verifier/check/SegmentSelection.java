package io.proofmint.verifier.check;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.sampling.SegmentSampler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/** Which segments of a bundle an offline check replays. */
public sealed interface SegmentSelection {

  /** The segments to replay, in replay order, each once, for a bundle of {@code segments}. */
  List<Integer> resolve(Hash32 root, int segments);

  public static SegmentSelection all() {
    return new All();
  }

  /** The {@code q} segments the registry samples with {@code seed} (protocol.md section 5). */
  public static SegmentSelection sampled(Hash32 seed, int q) {
    return new Sampled(seed, q);
  }

  public static SegmentSelection explicit(List<Integer> segments) {
    return new Explicit(segments);
  }

  /** Every segment, {@code 0 .. S-1}. */
  record All() implements SegmentSelection {
    @Override
    public List<Integer> resolve(Hash32 root, int segments) {
      return IntStream.range(0, segments).boxed().toList();
    }
  }

  /** The sampled segments in draw order, duplicates dropped (a replay is deterministic). */
  record Sampled(Hash32 seed, int q) implements SegmentSelection {
    public Sampled {
      Objects.requireNonNull(seed, "seed");
      if (q < 1 || q > 64) {
        throw new IllegalArgumentException("q: expected 1..64 (the registry's bound), got " + q);
      }
    }

    @Override
    public List<Integer> resolve(Hash32 root, int segments) {
      LinkedHashSet<Integer> distinct = new LinkedHashSet<>();
      for (long s : SegmentSampler.sample(seed, root, segments, q)) {
        distinct.add(Math.toIntExact(s));
      }
      return List.copyOf(distinct);
    }
  }

  /** The given segments, in the given order, duplicates dropped. */
  record Explicit(List<Integer> segments) implements SegmentSelection {
    public Explicit {
      segments = List.copyOf(new LinkedHashSet<>(segments));
      if (segments.isEmpty()) {
        throw new IllegalArgumentException("segments: expected at least one, got none");
      }
    }

    @Override
    public List<Integer> resolve(Hash32 root, int count) {
      List<Integer> out = new ArrayList<>(segments.size());
      for (int s : segments) {
        if (s < 0 || s >= count) {
          throw new IllegalArgumentException(
              "segment %d: expected 0 <= segment < %d".formatted(s, count));
        }
        out.add(s);
      }
      return out;
    }
  }
}
