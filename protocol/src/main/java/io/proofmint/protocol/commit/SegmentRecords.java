package io.proofmint.protocol.commit;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.util.ArrayList;
import java.util.List;

/** Per-segment record hashes (protocol.md section 4) and the leaves built from a whole task. */
public final class SegmentRecords {

  private SegmentRecords() {}

  /** {@code H(batchHash_{ik} || ... || batchHash_{ik+k-1})} over the segment's step records. */
  public static Hash32 batchesHash(List<StepRecord> segment) {
    Keccak.Hasher hasher = Keccak.newHasher();
    for (StepRecord record : segment) {
      hasher.update(record.batchHash());
    }
    return hasher.finish();
  }

  /** {@code H(be32(lossBits_{ik}) || ... || be32(lossBits_{ik+k-1}))}. */
  public static Hash32 lossesHash(List<StepRecord> segment) {
    byte[] bytes = new byte[4 * segment.size()];
    for (int i = 0; i < segment.size(); i++) {
      int bits = segment.get(i).lossBits();
      bytes[4 * i] = (byte) (bits >>> 24);
      bytes[4 * i + 1] = (byte) (bits >>> 16);
      bytes[4 * i + 2] = (byte) (bits >>> 8);
      bytes[4 * i + 3] = (byte) bits;
    }
    return Keccak.hash(bytes);
  }

  /** The leaf of segment {@code index} from its {@code k} records and boundary checkpoints. */
  public static SegmentLeaf leaf(
      long index, List<StepRecord> segment, Hash32 ckptStart, Hash32 ckptEnd) {
    return SegmentLeaf.of(index, ckptStart, ckptEnd, batchesHash(segment), lossesHash(segment));
  }

  /**
   * The {@code S} leaves of a task from its {@code N = S * k} step records (steps {@code 0 .. N-1}
   * in order) and its {@code S + 1} checkpoint hashes {@code C_0 .. C_S}.
   *
   * @throws IllegalArgumentException if the counts or the step numbers do not fit
   */
  public static List<SegmentLeaf> leaves(
      int segmentLength, List<StepRecord> records, List<Hash32> checkpoints) {
    if (segmentLength < 1) {
      throw new IllegalArgumentException("segment length: expected >= 1, got " + segmentLength);
    }
    if (records.isEmpty() || records.size() % segmentLength != 0) {
      throw new IllegalArgumentException(
          "records: expected a positive multiple of k = %d, got %d"
              .formatted(segmentLength, records.size()));
    }
    int segments = records.size() / segmentLength;
    if (checkpoints.size() != segments + 1) {
      throw new IllegalArgumentException(
          "checkpoints: expected S + 1 = %d, got %d".formatted(segments + 1, checkpoints.size()));
    }
    for (int t = 0; t < records.size(); t++) {
      if (records.get(t).step() != t) {
        throw new IllegalArgumentException(
            "record %d: expected step %d, got %d".formatted(t, t, records.get(t).step()));
      }
    }
    List<SegmentLeaf> leaves = new ArrayList<>(segments);
    for (int i = 0; i < segments; i++) {
      List<StepRecord> segment = records.subList(i * segmentLength, (i + 1) * segmentLength);
      leaves.add(leaf(i, segment, checkpoints.get(i), checkpoints.get(i + 1)));
    }
    return List.copyOf(leaves);
  }
}
