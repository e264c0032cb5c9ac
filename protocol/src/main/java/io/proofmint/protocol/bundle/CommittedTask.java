package io.proofmint.protocol.bundle;

import io.proofmint.protocol.commit.TaskBinding;
import io.proofmint.protocol.crypto.Hash32;
import java.util.Objects;

/**
 * What the chain holds about a task a bundle claims to prove: the binding, the model head the task
 * started from ({@code C_0}), and the trainer's commitment (root, final checkpoint, segment count).
 */
public record CommittedTask(
    TaskBinding binding,
    Hash32 parentCheckpoint,
    Hash32 root,
    Hash32 finalCheckpoint,
    int segments) {

  public CommittedTask {
    Objects.requireNonNull(binding, "binding");
    Objects.requireNonNull(parentCheckpoint, "parentCheckpoint");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(finalCheckpoint, "finalCheckpoint");
    if (segments < 1) {
      throw new IllegalArgumentException("segments: expected >= 1, got " + segments);
    }
  }
}
