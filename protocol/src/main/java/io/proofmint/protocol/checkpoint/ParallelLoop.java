package io.proofmint.protocol.checkpoint;

import java.util.function.IntConsumer;

/**
 * Runs {@code body.accept(i)} once for every {@code i} in {@code [0, count)}, on however many
 * threads it has, and returns when all are done. The training worker's thread pool is one: it lets
 * a checkpoint be hashed on the cores that train, between steps, instead of beside them.
 */
@FunctionalInterface
public interface ParallelLoop {

  void forEach(int count, IntConsumer body);

  /** Everything on the calling thread, in order. */
  ParallelLoop SEQUENTIAL =
      (count, body) -> {
        for (int i = 0; i < count; i++) {
          body.accept(i);
        }
      };
}
