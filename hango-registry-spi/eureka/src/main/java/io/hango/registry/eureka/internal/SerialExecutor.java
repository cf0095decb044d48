package io.hango.registry.eureka.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in the order given, on a shared executor (the runtime's scheduler),
 * whatever thread hands them in: the client's state needs no lock, and its reports reach the
 * listener in order. A task that throws is logged and does not stop the next ones. Internal.
 */
final class SerialExecutor implements Executor {

  private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

  private final Executor delegate;
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
  private boolean draining;

  SerialExecutor(Executor delegate) {
    this.delegate = delegate;
  }

  /** Queues {@code task}; dropped when the shared executor no longer takes tasks (it is shut down). */
  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      queue.add(task);
      if (draining) {
        return;
      }
      draining = true;
    }
    try {
      delegate.execute(this::drain);
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        queue.clear();
        draining = false;
      }
    }
  }

  private void drain() {
    while (true) {
      Runnable task;
      synchronized (this) {
        task = queue.poll();
        if (task == null) {
          draining = false;
          return;
        }
      }
      try {
        task.run();
      } catch (RuntimeException e) {
        log.error("eureka client task failed", e);
      }
    }
  }
}
