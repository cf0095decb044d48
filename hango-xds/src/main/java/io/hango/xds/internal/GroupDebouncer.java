package io.hango.xds.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Merges bursts of changes to a group into one notification: it fires once the group has been
 * quiet for the quiet period, or once the maximum delay since the first unannounced change has
 * passed, whichever comes first (so a steady stream of changes still gets pushed).
 *
 * <p>One timer per group at most; a change during the wait only moves a timestamp.
 */
final class GroupDebouncer {

  private final ScheduledExecutorService scheduler;
  private final long quietNanos;
  private final long maxDelayNanos;
  private final Consumer<String> fire;
  private final Map<String, Pending> pending = new HashMap<>();

  private static final class Pending {
    final long firstChange;
    long lastChange;

    Pending(long now) {
      firstChange = now;
      lastChange = now;
    }
  }

  GroupDebouncer(
      ScheduledExecutorService scheduler, Duration quiet, Duration maxDelay, Consumer<String> fire) {
    this.scheduler = scheduler;
    this.quietNanos = quiet.toNanos();
    this.maxDelayNanos = Math.max(quietNanos, maxDelay.toNanos());
    this.fire = fire;
  }

  void changed(String group) {
    if (quietNanos == 0) {
      fire.accept(group);
      return;
    }
    long now = System.nanoTime();
    synchronized (this) {
      Pending p = pending.get(group);
      if (p != null) {
        p.lastChange = now;
        return;
      }
      pending.put(group, new Pending(now));
    }
    schedule(group, quietNanos);
  }

  private void schedule(String group, long delayNanos) {
    scheduler.schedule(() -> check(group), delayNanos, TimeUnit.NANOSECONDS);
  }

  private void check(String group) {
    long now = System.nanoTime();
    long wait;
    synchronized (this) {
      Pending p = pending.get(group);
      if (p == null) {
        return;
      }
      long quietDue = p.lastChange + quietNanos;
      long maxDue = p.firstChange + maxDelayNanos;
      long due = Math.min(quietDue, maxDue);
      wait = due - now;
      if (wait <= 0) {
        pending.remove(group);
      }
    }
    if (wait > 0) {
      schedule(group, wait);
    } else {
      fire.accept(group);
    }
  }
}
