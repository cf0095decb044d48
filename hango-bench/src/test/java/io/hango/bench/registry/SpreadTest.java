package io.hango.bench.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpreadTest {

  @Test
  void medianIsTheNearestRankOne() {
    assertThat(Spread.of(new double[] {5})).isEqualTo(new Spread(1, 5, 5));
    assertThat(Spread.of(new double[] {4, 1})).isEqualTo(new Spread(2, 1, 4));
    assertThat(Spread.of(new double[] {3, 9, 1})).isEqualTo(new Spread(3, 3, 9));
    assertThat(Spread.of(new double[] {8, 2, 6, 4})).isEqualTo(new Spread(4, 4, 8));
  }

  @Test
  void nanosBecomeMillis() {
    assertThat(Spread.millisOfNanos(new long[] {3_000_000, 1_000_000, 2_500_000})).isEqualTo(new Spread(3, 2.5, 3));
  }

  @Test
  void anEmptySampleHasNoMedian() {
    Spread empty = Spread.of(new double[0]);
    assertThat(empty.count()).isZero();
    assertThat(empty.p50()).isNaN();
    assertThat(empty.max()).isNaN();
  }
}
