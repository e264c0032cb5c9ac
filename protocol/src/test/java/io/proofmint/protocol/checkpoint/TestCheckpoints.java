package io.proofmint.protocol.checkpoint;

import io.proofmint.protocol.crypto.Hash32;
import io.proofmint.protocol.crypto.Keccak;
import java.util.List;
import java.util.SplittableRandom;

/** Small deterministic checkpoints for tests. */
public final class TestCheckpoints {

  public static final Hash32 SPEC = Keccak.hashUtf8("test spec");

  private TestCheckpoints() {}

  /** Two parameter tensors and one optimizer tensor, filled from {@code seed}. */
  public static Checkpoint small(long step, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return Checkpoint.of(
        step,
        SPEC,
        List.of(
            tensor("layer0.W", new int[] {3, 4}, random),
            tensor("layer0.b", new int[] {4}, random),
            tensor("adam.m.layer0.W", new int[] {3, 4}, random)));
  }

  /** One tensor of {@code floats} elements, for sizes across chunk boundaries. */
  public static Checkpoint ofSize(int floats, long seed) {
    return Checkpoint.of(
        7, SPEC, List.of(tensor("w", new int[] {floats}, new SplittableRandom(seed))));
  }

  static Tensor tensor(String name, int[] shape, SplittableRandom random) {
    int count = 1;
    for (int dim : shape) {
      count *= dim;
    }
    float[] data = new float[count];
    for (int i = 0; i < count; i++) {
      data[i] = (float) random.nextGaussian();
    }
    return Tensor.wrap(name, shape, data);
  }
}
