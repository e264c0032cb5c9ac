package io.proofmint.worker.engine;

/** How a model's segments are verified (the model's registered rule). */
public enum VerificationMode {
  /** The replayed end state must equal the committed one bit for bit. */
  EXACT,
  /** The replayed end state must lie within the model's distance threshold. */
  TOLERANT
}
