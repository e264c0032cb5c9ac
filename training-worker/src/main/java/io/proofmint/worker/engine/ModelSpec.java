package io.proofmint.worker.engine;

/**
 * What a registered model is: architecture, batch size and optimizer. Its {@link #canonical()} text
 * goes into the model's {@code specHash} together with the reproducibility profile.
 *
 * <p>A new architecture is a new permitted record plus its {@link Model}; the proof code only sees
 * {@link TrainingEngine} and {@link NamedTensor}s.
 */
public sealed interface ModelSpec permits MlpSpec {

  /** Short architecture name, e.g. {@code "mlp"}. */
  String architecture();

  /** Examples per training step. */
  int batchSize();

  AdamConfig adam();

  /** Stable text naming every hyper-parameter (floats as bits), for hashing. */
  String canonical();
}
