package io.hango.registry.kubernetes;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a timeout passes. */
final class Await {

  private Await() {}

  /** Waits until {@code condition} holds; fails with {@code state} after {@code timeout}. */
  static void await(Duration timeout, BooleanSupplier condition, Supplier<Object> state) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout + "; state: " + state.get());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
