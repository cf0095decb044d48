package io.hango.controlplane;

import static io.hango.testkit.Await.await;

import io.grpc.Channel;
import io.hango.testkit.grpc.NamedGrpcBackends;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls that keep flowing through grpc-java's xDS client while a registry changes under them:
 * which backends answered since the last {@link #reset()}, and how many calls failed.
 */
final class RegistryCalls implements AutoCloseable {

  private final Channel channel;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();
  private final Set<String> answered = ConcurrentHashMap.newKeySet();
  private volatile String lastFailure = "";
  private final Thread caller;

  RegistryCalls(Channel channel) {
    this.channel = channel;
    this.caller = new Thread(this::loop, "registry-calls");
    caller.start();
    await("calls flowing", Duration.ofSeconds(30), () -> calls.get() > 5);
  }

  private void loop() {
    while (running.get()) {
      try {
        answered.add(NamedGrpcBackends.call(channel, Map.of()));
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        lastFailure = String.valueOf(e.getMessage());
      }
      calls.incrementAndGet();
    }
  }

  /** Forgets who answered so far. */
  void reset() {
    answered.clear();
  }

  /** Waits until, after a reset, calls reach exactly {@code backends} for {@code calls} calls in a row. */
  void awaitOnly(String what, Duration timeout, Set<String> backends) {
    await(what, timeout, () -> {
      reset();
      int start = calls.get();
      while (calls.get() - start < 30) {
        Thread.onSpinWait();
      }
      return new TreeSet<>(answered).equals(new TreeSet<>(backends));
    });
  }

  int failures() {
    return failures.get();
  }

  String lastFailure() {
    return lastFailure;
  }

  int calls() {
    return calls.get();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    caller.join(10_000);
  }
}
