package io.hango.bench.registry;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;

/**
 * A state of their assignments that the harness waits for every simulated proxy to reach, and
 * when each did: the receive time of the response with which it got there.
 */
final class Expectation {

  private static final long NOT_YET = Long.MIN_VALUE;

  private final Map<String, Predicate<Set<String>>> clusters;
  private final AtomicLongArray reachedAt;
  private final CountDownLatch remaining;

  private Expectation(Map<String, Predicate<Set<String>>> clusters, int proxies) {
    this.clusters = clusters;
    this.reachedAt = new AtomicLongArray(proxies);
    for (int p = 0; p < proxies; p++) {
      reachedAt.set(p, NOT_YET);
    }
    this.remaining = new CountDownLatch(proxies);
  }

  /** Every cluster has exactly these endpoints. */
  static Expectation exactly(Map<String, Set<String>> assignments, int proxies) {
    Map<String, Predicate<Set<String>>> clusters = new LinkedHashMap<>();
    assignments.forEach((cluster, endpoints) -> clusters.put(cluster, endpoints::equals));
    return new Expectation(clusters, proxies);
  }

  /**
   * Checks a proxy's assignments (cluster to endpoints), received at {@code receivedNanos}
   * ({@link System#nanoTime()}); the first time they match, records that time.
   */
  void check(int proxy, Map<String, Set<String>> assignments, long receivedNanos) {
    if (reachedAt.get(proxy) != NOT_YET) {
      return;
    }
    for (Map.Entry<String, Predicate<Set<String>>> c : clusters.entrySet()) {
      Set<String> endpoints = assignments.get(c.getKey());
      if (endpoints == null || !c.getValue().test(endpoints)) {
        return;
      }
    }
    if (reachedAt.compareAndSet(proxy, NOT_YET, receivedNanos)) {
      remaining.countDown();
    }
  }

  /** Waits until every proxy has reached the state; false on timeout. */
  boolean await(Duration timeout) throws InterruptedException {
    return remaining.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** How many proxies have reached the state. */
  int reached() {
    return (int) (reachedAt.length() - remaining.getCount());
  }

  /**
   * For each proxy that has reached the state, the time from {@code startNanos} until it did
   * (0 if it had before).
   */
  long[] lagsNanos(long startNanos) {
    long[] out = new long[reachedAt.length()];
    int n = 0;
    for (int p = 0; p < reachedAt.length(); p++) {
      long at = reachedAt.get(p);
      if (at != NOT_YET) {
        out[n++] = Math.max(0, at - startNanos);
      }
    }
    return Arrays.copyOf(out, n);
  }
}
