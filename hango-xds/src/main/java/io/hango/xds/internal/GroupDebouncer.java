package io.hango.xds.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges bursts of changes to a group into one notification: it fires once the group has been
 * quiet for the quiet period, or once the maximum delay since the first unannounced change has
 * passed, whichever comes first (so a steady stream of changes still gets pushed).
 *
 * <p>One timer per group at most; a change during the wait only moves a timestamp.
 */
final class GroupDebouncer {

  private static final Logger log = LoggerFactory.getLogger(GroupDebouncer.class);

  private final ScheduledExecutorService scheduler;
  private final long quietNanos;
  private final long maxDelayNanos;
  private final Consumer<String> fire;
  private final Map<String, Pending> pending = new HashMap<>();
  private volatile boolean warned;

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

  /**
   * Checks the group again after a delay. A scheduler that refuses (shut down, saturated)
   * would otherwise leave the group pending for ever, every later change only moving its
   * timestamp: the change is then announced at once, undebounced.
   */
  private void schedule(String group, long delayNanos) {
    try {
      scheduler.schedule(() -> check(group), delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      if (!warned) {
        warned = true;
        log.warn("xDS debounce timer rejected; pushing changes without debounce", e);
      }
      synchronized (this) {
        pending.remove(group);
      }
      fire.accept(group);
    }
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
