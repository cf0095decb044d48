package io.hango.registry.eureka.internal;

import java.time.Duration;

/**
 * How long to wait before the next attempt after failures in a row: doubling from
 * {@code min(refreshInterval, 1s)} up to {@code 4 × refreshInterval}, kept within 1s to 30s.
 * Internal.
 */
final class Backoff {

  private static final Duration MIN_CAP = Duration.ofSeconds(1);
  private static final Duration MAX_CAP = Duration.ofSeconds(30);

  private Backoff() {}

  /** The delay after {@code failures} (1 or more) failed rounds in a row. */
  static Duration delay(Duration refreshInterval, int failures) {
    Duration base = min(refreshInterval, MIN_CAP);
    Duration cap = max(MIN_CAP, min(refreshInterval.multipliedBy(4), MAX_CAP));
    Duration d = base.multipliedBy(1L << Math.min(Math.max(failures, 1) - 1, 20));
    return min(d, cap);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
