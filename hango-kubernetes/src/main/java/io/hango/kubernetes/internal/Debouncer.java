package io.hango.kubernetes.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an action once per burst of triggers: {@code quiet} after the last trigger, and at most
 * {@code maxDelay} after the first of the burst (a steady stream of changes still gets through).
 * Internal.
 */
public final class Debouncer {

  private final ScheduledExecutorService scheduler;
  private final long quietNanos;
  private final long maxDelayNanos;
  private final Runnable action;
  private ScheduledFuture<?> pending;
  private long burstStart;
  private long generation;

  public Debouncer(ScheduledExecutorService scheduler, Duration quiet, Duration maxDelay, Runnable action) {
    this.scheduler = scheduler;
    this.quietNanos = quiet.toNanos();
    this.maxDelayNanos = Math.max(quiet.toNanos(), maxDelay.toNanos());
    this.action = action;
  }

  /** Notes a change. */
  public synchronized void trigger() {
    long now = System.nanoTime();
    if (pending == null) {
      burstStart = now;
    } else {
      pending.cancel(false);
    }
    long delay = Math.min(quietNanos, burstStart + maxDelayNanos - now);
    long id = ++generation;
    pending = scheduler.schedule(() -> fire(id), Math.max(0, delay), TimeUnit.NANOSECONDS);
  }

  private void fire(long id) {
    synchronized (this) {
      if (id != generation) {
        return; // a later trigger rescheduled (this run was cancelled too late)
      }
      pending = null;
    }
    action.run();
  }
}
