package io.proofmint.verifier.daemon;

import io.proofmint.protocol.crypto.Hash32;
import java.util.List;

/** Decides a task's verdict. Called on the replay executor, one task at a time. */
public interface TaskVerifier {

  /** Whether tasks of the model with {@code specHash} are verified here. */
  boolean serves(Hash32 specHash);

  /**
   * @param specHash the task's model spec, one this verifier {@link #serves}
   * @param task the committed facts and the drawn seed
   * @param parent {@code C_0}, the model head the task started from
   * @param rules the model's rules (k, q, mode, tolerance)
   * @param chainSample the registry's {@code sampledSegments(taskId)}, to cross-check ours
   */
  Verification verify(
      Hash32 specHash, TrackedTask task, Hash32 parent, ModelRules rules, List<Long> chainSample);
}
