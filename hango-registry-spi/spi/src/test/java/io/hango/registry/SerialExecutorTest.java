package io.hango.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Tasks run one at a time, in order, on a shared pool; a failing task does not stop the next ones. */
class SerialExecutorTest {

  @Test
  void runsTasksInOrderOneAtATimeOnASharedPool() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      SerialExecutor serial = new SerialExecutor(pool);
      List<Integer> seen = new CopyOnWriteArrayList<>();
      int[] running = {0};
      int[] maxRunning = {0};
      CountDownLatch done = new CountDownLatch(1);
      for (int i = 0; i < 200; i++) {
        int n = i;
        serial.execute(() -> {
          synchronized (running) {
            maxRunning[0] = Math.max(maxRunning[0], ++running[0]);
          }
          try {
            if (n == 50) {
              throw new IllegalStateException("task 50 fails");
            }
            seen.add(n);
          } finally {
            synchronized (running) {
              running[0]--;
            }
          }
          if (n == 199) {
            done.countDown();
          }
        });
      }
      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(seen).hasSize(199).isSorted();
      assertThat(maxRunning[0]).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void dropsTasksOnceThePoolIsShutDown() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.shutdown();
    List<String> ran = new CopyOnWriteArrayList<>();
    new SerialExecutor(pool).execute(() -> ran.add("x"));
    assertThat(ran).isEmpty();
  }
}
