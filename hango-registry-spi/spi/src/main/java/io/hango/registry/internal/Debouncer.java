package io.hango.registry.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Debounces changes per key: a key fires once it has been quiet for the quiet period, and at the
 * latest the maximum delay after its first unfired change. Fires on the scheduler, with the time of
 * the first change behind it. Thread-safe. Internal.
 */
public final class Debouncer {

  private final ScheduledExecutorService scheduler;
  private final BiConsumer<String, Instant> fire;
  private final Map<String, Pending> pending = new HashMap<>();

  private static final class Pending {
    final long startNanos;
    final Instant firstEvent;
    ScheduledFuture<?> task;

    Pending(long startNanos, Instant firstEvent) {
      this.startNanos = startNanos;
      this.firstEvent = firstEvent;
    }
  }

  /** @param fire called with the key and the time of its first change, on the scheduler */
  public Debouncer(ScheduledExecutorService scheduler, BiConsumer<String, Instant> fire) {
    this.scheduler = scheduler;
    this.fire = fire;
  }

  /** Notes a change of {@code key} that happened at {@code at}. */
  public synchronized void changed(String key, Instant at, Duration quiet, Duration maxDelay) {
    long now = System.nanoTime();
    Pending p = pending.get(key);
    if (p == null) {
      p = new Pending(now, at);
      pending.put(key, p);
    } else if (p.task != null) {
      p.task.cancel(false);
    }
    long untilMax = p.startNanos + maxDelay.toNanos() - now;
    long delay = Math.max(0, Math.min(quiet.toNanos(), untilMax));
    p.task = scheduler.schedule(() -> fire(key), delay, TimeUnit.NANOSECONDS);
  }

  /** Forgets pending changes of every key. */
  public synchronized void cancelAll() {
    pending.values().forEach(p -> p.task.cancel(false));
    pending.clear();
  }

  private void fire(String key) {
    Pending p;
    synchronized (this) {
      p = pending.remove(key);
    }
    if (p != null) {
      fire.accept(key, p.firstEvent);
    }
  }
}
