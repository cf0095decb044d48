package io.hango.registry.nacos;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a timeout passes. */
final class Await {

  private Await() {}

  /** Waits until {@code condition} holds; fails with {@code what} and the last state after {@code timeout}. */
  static void until(Duration timeout, String what, BooleanSupplier condition, Supplier<?> state) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what + "; state: " + state.get());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  /** Waits until {@code condition} holds. */
  static void until(Duration timeout, String what, BooleanSupplier condition) {
    until(timeout, what, condition, () -> "-");
  }
}
