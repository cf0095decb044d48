package io.hango.registry;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in the order submitted, on a shared executor: a client's state changes
 * and reports stay in order without a thread of its own. Runs a few tasks per turn, so that one
 * busy client does not hold the shared executor. Tasks dropped once the executor is shut down.
 * For {@link RegistryClient} implementations.
 */
public final class SerialExecutor implements Executor {

  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);
  private static final int TASKS_PER_TURN = 32;

  private final Executor delegate;
  private final Queue<Runnable> queue = new ArrayDeque<>();
  private boolean scheduled;

  /** Runs tasks on {@code delegate} (typically {@link RegistryContext#scheduler()}), one at a time. */
  public SerialExecutor(Executor delegate) {
    this.delegate = java.util.Objects.requireNonNull(delegate, "delegate");
  }

  /** Queues {@code task}; dropped once the shared executor no longer takes tasks (it is shut down). */
  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      queue.add(task);
      if (scheduled) {
        return;
      }
      scheduled = true;
    }
    schedule();
  }

  private void schedule() {
    try {
      delegate.execute(this::drain);
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        queue.clear();
        scheduled = false;
      }
    }
  }

  private void drain() {
    for (int i = 0; i < TASKS_PER_TURN; i++) {
      Runnable task;
      synchronized (this) {
        task = queue.poll();
        if (task == null) {
          scheduled = false;
          return;
        }
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("registry client task failed", e);
      }
    }
    schedule();
  }
}
