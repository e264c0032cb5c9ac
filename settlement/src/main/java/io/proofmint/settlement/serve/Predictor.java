package io.proofmint.settlement.serve;

/**
 * A trained model's forward pass, plugged into the {@link ModelServer}: features in, a class and
 * scores out. Throw {@link IllegalArgumentException} for an input the model cannot take (wrong
 * length, not finite); the caller then gets a 400 and pays nothing.
 */
@FunctionalInterface
public interface Predictor {

  Prediction predict(float[] features);

  /**
   * Whether {@link #predict} may run on several threads at once. When false (the default) the
   * server calls it from one thread at a time.
   */
  default boolean threadSafe() {
    return false;
  }
}
