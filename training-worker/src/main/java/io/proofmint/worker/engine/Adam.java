package io.proofmint.worker.engine;

import io.proofmint.protocol.checkpoint.TensorSpec;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Adam over a {@link Model}'s parameters, element-wise in Java float32 arithmetic (IEEE-754
 * round-to-nearest on every JVM; no fused multiply-add), spread over the worker threads in fixed
 * element ranges: each element's arithmetic is the same whichever thread runs it.
 *
 * <p>State, in order: {@code adam.m.<parameter>} for every parameter, then {@code
 * adam.v.<parameter>}, then {@code adam.step [1]} (the number of updates taken, exact as a float up
 * to 2^24).
 */
final class Adam {

  /** Elements per task when the update is spread over worker threads. */
  private static final int CHUNK = 1 << 15;

  static final long MAX_STEPS = 1L << 24;

  private final AdamConfig config;
  private final List<TensorSpec> parameters;
  private final float[][] m;
  private final float[][] v;
  private final float[][] gradientCopy;
  private final float[][] valueCopy;
  private final int[][] chunks;
  private long step;

  Adam(AdamConfig config, List<TensorSpec> parameters) {
    this.config = config;
    this.parameters = List.copyOf(parameters);
    this.m = new float[parameters.size()][];
    this.v = new float[parameters.size()][];
    this.gradientCopy = new float[parameters.size()][];
    this.valueCopy = new float[parameters.size()][];
    List<int[]> work = new ArrayList<>();
    for (int p = 0; p < parameters.size(); p++) {
      int n = parameters.get(p).elementCount();
      m[p] = new float[n];
      v[p] = new float[n];
      gradientCopy[p] = new float[n];
      valueCopy[p] = new float[n];
      for (int from = 0; from < n; from += CHUNK) {
        work.add(new int[] {p, from, Math.min(n, from + CHUNK)});
      }
    }
    this.chunks = work.toArray(int[][]::new);
  }

  long step() {
    return step;
  }

  void reset() {
    for (int p = 0; p < m.length; p++) {
      Arrays.fill(m[p], 0f);
      Arrays.fill(v[p], 0f);
    }
    step = 0;
  }

  /** One Adam update of every parameter of {@code model} from its gradients. */
  void update(Model model, WorkerPool workers) {
    if (step + 1 >= MAX_STEPS) {
      throw new IllegalStateException(
          "adam: the step counter is stored as float32 and exact only below 2^24; got step "
              + (step + 1));
    }
    step++;
    float stepSize = config.learningRate() / (float) (1.0 - StrictMath.pow(config.beta1(), step));
    float correction2Sqrt = (float) Math.sqrt(1.0 - StrictMath.pow(config.beta2(), step));
    FloatBuffer[] values = new FloatBuffer[m.length];
    FloatBuffer[] gradients = new FloatBuffer[m.length];
    for (int p = 0; p < m.length; p++) {
      values[p] = model.parameter(p);
      gradients[p] = model.gradient(p);
    }
    workers.forEach(
        chunks.length,
        c -> {
          int p = chunks[c][0];
          updateRange(
              p, values[p], gradients[p], chunks[c][1], chunks[c][2], stepSize, correction2Sqrt);
        });
  }

  /**
   * Updates elements {@code [from, to)}. The gradient and the values are first copied from their
   * off-heap buffers to heap arrays indexed like {@code m} and {@code v}, so the JIT compiles the
   * loop to vector instructions (element-wise: the same bits as a scalar loop, 5x faster here).
   */
  private void updateRange(
      int p,
      FloatBuffer values,
      FloatBuffer gradient,
      int from,
      int to,
      float stepSize,
      float correction2Sqrt) {
    float[] g = gradientCopy[p];
    float[] x = valueCopy[p];
    float[] mp = m[p];
    float[] vp = v[p];
    gradient.get(from, g, from, to - from);
    values.get(from, x, from, to - from);
    float beta1 = config.beta1();
    float beta2 = config.beta2();
    float oneMinusBeta1 = 1f - beta1;
    float oneMinusBeta2 = 1f - beta2;
    float epsilon = config.epsilon();
    for (int i = from; i < to; i++) {
      float gi = g[i];
      float mi = beta1 * mp[i] + oneMinusBeta1 * gi;
      float vi = beta2 * vp[i] + oneMinusBeta2 * (gi * gi);
      mp[i] = mi;
      vp[i] = vi;
      float denominator = (float) Math.sqrt(vi) / correction2Sqrt + epsilon;
      x[i] -= stepSize * (mi / denominator);
    }
    values.put(from, x, from, to - from);
  }

  List<TensorSpec> stateLayout() {
    List<TensorSpec> layout = new ArrayList<>();
    for (TensorSpec p : parameters) {
      layout.add(TensorSpec.float32("adam.m." + p.name(), p.shape()));
    }
    for (TensorSpec p : parameters) {
      layout.add(TensorSpec.float32("adam.v." + p.name(), p.shape()));
    }
    layout.add(TensorSpec.float32("adam.step", new int[] {1}));
    return layout;
  }

  List<NamedTensor> exportState() {
    List<NamedTensor> out = new ArrayList<>();
    for (int p = 0; p < parameters.size(); p++) {
      TensorSpec s = parameters.get(p);
      out.add(new NamedTensor("adam.m." + s.name(), s.shape(), m[p].clone()));
    }
    for (int p = 0; p < parameters.size(); p++) {
      TensorSpec s = parameters.get(p);
      out.add(new NamedTensor("adam.v." + s.name(), s.shape(), v[p].clone()));
    }
    out.add(new NamedTensor("adam.step", new int[] {1}, new float[] {step}));
    return out;
  }

  /** Copies the state into the arrays of an earlier {@link #exportState()}, without allocating. */
  void exportStateInto(List<NamedTensor> target) {
    int count = parameters.size();
    for (int p = 0; p < count; p++) {
      System.arraycopy(m[p], 0, target.get(p).data(), 0, m[p].length);
      System.arraycopy(v[p], 0, target.get(count + p).data(), 0, v[p].length);
    }
    target.get(2 * count).data()[0] = step;
  }

  /** Loads state exported by {@link #exportState()}; the caller has checked names and shapes. */
  void importState(List<NamedTensor> state) {
    int count = parameters.size();
    float steps = state.get(2 * count).data()[0];
    if (!(steps >= 0 && steps < MAX_STEPS) || steps != Math.rint(steps)) {
      throw new IllegalArgumentException(
          "adam.step: expected a whole number in [0, 2^24), got " + steps);
    }
    for (int p = 0; p < count; p++) {
      System.arraycopy(state.get(p).data(), 0, m[p], 0, m[p].length);
      System.arraycopy(state.get(count + p).data(), 0, v[p], 0, v[p].length);
    }
    step = (long) steps;
  }
}
