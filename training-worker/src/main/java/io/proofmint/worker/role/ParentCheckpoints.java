package io.proofmint.worker.role;

import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.crypto.Hash32;
import java.io.IOException;

/** Where a trainer or verifier gets the checkpoint a task starts from, checked against its hash. */
@FunctionalInterface
public interface ParentCheckpoints {

  /**
   * @throws IOException if the checkpoint cannot be found or does not hash to {@code hash}
   */
  Checkpoint checkpoint(Hash32 hash) throws IOException;
}
