package io.proofmint.worker.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs the independent tasks of one training step (row blocks, parameter chunks) on a fixed number
 * of threads: the calling thread plus {@code threads - 1} helpers.
 *
 * <p>Which thread runs which task is left to chance; the engine only hands it tasks whose results
 * do not depend on that (each task writes its own buffers, reductions happen afterwards in a fixed
 * order). The thread count is therefore not part of the reproducibility profile.
 */
public final class WorkerPool implements AutoCloseable {

  private final int threads;
  private final ExecutorService helpers;

  private WorkerPool(int threads) {
    if (threads <= 0) {
      throw new IllegalArgumentException("worker threads must be positive, got " + threads);
    }
    this.threads = threads;
    this.helpers =
        threads == 1
            ? null
            : Executors.newFixedThreadPool(
                threads - 1, Thread.ofPlatform().name("proofmint-train-", 1).daemon().factory());
  }

  public static WorkerPool create(int threads) {
    return new WorkerPool(threads);
  }

  public static WorkerPool singleThreaded() {
    return new WorkerPool(1);
  }

  public int threads() {
    return threads;
  }

  /** Runs {@code task.accept(i)} once for every {@code i} in {@code [0, tasks)} and waits. */
  public void forEach(int tasks, IntConsumer task) {
    int helperCount = Math.min(threads, tasks) - 1;
    if (helperCount <= 0) {
      for (int i = 0; i < tasks; i++) {
        task.accept(i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    Runnable drain =
        () -> {
          for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
            task.accept(i);
          }
        };
    List<Future<?>> running = new ArrayList<>(helperCount);
    for (int h = 0; h < helperCount; h++) {
      running.add(helpers.submit(drain));
    }
    RuntimeException failure = null;
    try {
      drain.run();
    } catch (RuntimeException e) {
      failure = e;
      next.set(tasks);
    }
    for (Future<?> f : running) {
      failure = awaitHelper(f, failure);
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static RuntimeException awaitHelper(Future<?> f, RuntimeException failure) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          f.get();
          return failure;
        } catch (InterruptedException e) {
          interrupted = true; // the step must finish: its buffers are shared
        } catch (ExecutionException e) {
          RuntimeException cause =
              e.getCause() instanceof RuntimeException r
                  ? r
                  : new IllegalStateException("training task failed", e.getCause());
          if (failure == null) {
            return cause;
          }
          failure.addSuppressed(cause);
          return failure;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    if (helpers != null) {
      helpers.shutdownNow();
    }
  }
}
