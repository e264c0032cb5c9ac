package io.proofmint.cli.flow;

import io.proofmint.protocol.commit.SegmentLeaf;
import io.proofmint.protocol.commit.SegmentTree;
import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.util.ArrayList;
import java.util.List;

/**
 * A well-formed segment tree for a task whose training is not run: checkpoint, batch and loss
 * hashes derived from a label. The chain checks only hashes, so gas measurements and contract flows
 * use these; real proofs come from the training worker.
 */
public record SyntheticCommitment(SegmentTree tree, Hash32 finalCheckpoint) {

  public static SyntheticCommitment of(
      TaskBinding binding, Hash32 parent, int segments, String label) {
    if (segments < 1) {
      throw new IllegalArgumentException("segments: expected >= 1, got " + segments);
    }
    List<SegmentLeaf> leaves = new ArrayList<>(segments);
    Hash32 start = parent;
    for (int i = 0; i < segments; i++) {
      Hash32 end = Keccak.hashUtf8(label + "/checkpoint/" + (i + 1));
      leaves.add(
          SegmentLeaf.of(
              i,
              start,
              end,
              Keccak.hashUtf8(label + "/batches/" + i),
              Keccak.hashUtf8(label + "/losses/" + i)));
      start = end;
    }
    return new SyntheticCommitment(SegmentTree.build(binding, leaves), start);
  }
}
