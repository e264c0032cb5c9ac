package io.proofmint.worker.engine;

import io.proofmint.protocol.checkpoint.TensorSpec;
import io.proofmint.protocol.dataset.Examples;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * One architecture's forward and backward pass over preallocated buffers. The optimizer and the
 * state export ({@link TrainingEngine}) work on any model through this interface.
 *
 * <p>Contract for exact mode: for a given profile, the parameters after {@link #initialize} and the
 * gradients after {@link #forwardBackward} are a pure function of the inputs, whatever the worker
 * pool's thread count.
 */
public interface Model extends AutoCloseable {

  ModelSpec spec();

  /** The trainable parameters, in the fixed order of the state. */
  List<TensorSpec> parameterLayout();

  /** Sets every parameter from {@code seed} (backend-independent: a Java PRNG). */
  void initialize(long seed);

  /**
   * Runs forward and backward on the examples {@code indices} name, in that order, and returns the
   * batch's mean loss and leaves the gradient of the mean loss in {@link #gradient}.
   */
  float forwardBackward(Examples data, int[] indices, WorkerPool workers);

  /** The live values of parameter {@code p} (absolute get/put only; shared with the model). */
  FloatBuffer parameter(int p);

  /** The gradient of parameter {@code p} from the last {@link #forwardBackward}. */
  FloatBuffer gradient(int p);

  @Override
  void close();
}
