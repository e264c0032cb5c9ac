package io.proofmint.verifier.replay;

import io.proofmint.protocol.checkpoint.Checkpoint;
import io.proofmint.protocol.checkpoint.Tensor;
import io.proofmint.worker.engine.MlpSpec;
import io.proofmint.worker.engine.ModelSpec;
import java.util.Arrays;
import java.util.List;

/**
 * The tolerant-mode distance between a replayed state and a committed one: the largest relative L2
 * error over the model's parameter tensors,
 *
 * <pre>max over parameter tensors p of ||a_p - b_p||_2 / (||b_p||_2 + EPSILON)</pre>
 *
 * with {@code a} the replayed and {@code b} the committed state. Optimizer state is left out: it is
 * not what a model's user gets, and Adam's second moments amplify tiny differences. Tensors that do
 * not line up (names, shapes) and any NaN or infinity give {@link Double#POSITIVE_INFINITY}.
 */
public final class StateDistance {

  /** Keeps an all-zero committed tensor (a fresh bias) from dividing by zero. */
  public static final double EPSILON = 1e-6;

  private StateDistance() {}

  /** The number of leading tensors of a checkpoint that are parameters. */
  public static int parameterCount(ModelSpec spec) {
    return switch (spec) {
      case MlpSpec mlp -> 2 * mlp.layerCount();
    };
  }

  /** Distance of {@code replayed} from {@code committed} over the first {@code parameters}. */
  public static double between(Checkpoint replayed, Checkpoint committed, int parameters) {
    List<Tensor> a = replayed.tensors();
    List<Tensor> b = committed.tensors();
    if (a.size() < parameters || b.size() < parameters) {
      return Double.POSITIVE_INFINITY;
    }
    double worst = 0;
    for (int p = 0; p < parameters; p++) {
      worst = Math.max(worst, relative(a.get(p), b.get(p)));
    }
    return worst;
  }

  /** {@code ||a - b||_2 / (||b||_2 + EPSILON)}, or infinity if the tensors do not line up. */
  public static double relative(Tensor a, Tensor b) {
    if (!a.name().equals(b.name()) || !Arrays.equals(a.shape(), b.shape())) {
      return Double.POSITIVE_INFINITY;
    }
    float[] x = a.data();
    float[] y = b.data();
    double diff = 0;
    double norm = 0;
    for (int i = 0; i < x.length; i++) {
      double d = (double) x[i] - y[i];
      diff += d * d;
      norm += (double) y[i] * y[i];
    }
    double distance = Math.sqrt(diff) / (Math.sqrt(norm) + EPSILON);
    return Double.isFinite(distance) ? distance : Double.POSITIVE_INFINITY;
  }

  /** The same relative error for two scalars (used for losses in tolerant mode). */
  public static double relative(float a, float b) {
    double distance = Math.abs((double) a - b) / (Math.abs((double) b) + EPSILON);
    return Double.isFinite(distance) ? distance : Double.POSITIVE_INFINITY;
  }
}
