package io.proofmint.worker.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

  @Test
  void forEach_runsEveryTaskExactlyOnce() {
    try (WorkerPool pool = WorkerPool.create(3)) {
      AtomicIntegerArray runs = new AtomicIntegerArray(100);

      pool.forEach(100, runs::incrementAndGet);

      for (int i = 0; i < 100; i++) {
        assertThat(runs.get(i)).as("task %d", i).isEqualTo(1);
      }
    }
  }

  @Test
  void forEach_rethrowsATaskFailure() {
    try (WorkerPool pool = WorkerPool.create(2)) {
      assertThatThrownBy(
              () ->
                  pool.forEach(
                      10,
                      i -> {
                        if (i == 7) {
                          throw new IllegalStateException("task 7 failed");
                        }
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("task 7 failed");
    }
  }

  @Test
  void create_rejectsNonPositiveThreadCount() {
    assertThatThrownBy(() -> WorkerPool.create(0))
        .hasMessage("worker threads must be positive, got 0");
  }
}
