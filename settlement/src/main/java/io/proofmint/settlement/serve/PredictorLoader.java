package io.proofmint.settlement.serve;

import java.io.IOException;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Turns a checkpoint into a {@link Predictor}. Settlement does not know how models are built; the
 * module that does (the training worker) provides one, either passed to the serve command or
 * registered as a {@link ServiceLoader} provider in {@code
 * META-INF/services/io.proofmint.settlement.serve.PredictorLoader}.
 */
public interface PredictorLoader {

  /** A short name for logs, e.g. "mlp". */
  String name();

  Predictor load(PredictorSource source) throws IOException;

  /** The first loader registered on the class path, if any. */
  static Optional<PredictorLoader> discover() {
    return ServiceLoader.load(PredictorLoader.class).findFirst();
  }
}
