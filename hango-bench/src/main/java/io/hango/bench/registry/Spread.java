package io.hango.bench.registry;

import java.util.Arrays;

/**
 * The median and the maximum of a sample. The median is the nearest-rank one: the smallest value
 * with at least half of the sample at or below it. An empty sample has NaN for both.
 *
 * @param count the sample size
 * @param p50 the median
 * @param max the maximum
 */
record Spread(int count, double p50, double max) {

  /** Of durations in nanoseconds, in milliseconds. */
  static Spread millisOfNanos(long[] nanos) {
    return of(Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray());
  }

  static Spread of(double[] values) {
    if (values.length == 0) {
      return new Spread(0, Double.NaN, Double.NaN);
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Spread(sorted.length, sorted[(sorted.length + 1) / 2 - 1], sorted[sorted.length - 1]);
  }
}
