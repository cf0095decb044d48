package io.hango.bench.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Registry churn: random providers toggled at a steady rate for a while (sent to ZooKeeper without
 * waiting, paced by the clock). Once a second one change is a <em>sample</em>: made on a service that has
 * not changed for a few seconds, and left alone afterwards, and the time until every proxy has it is measured, which shows whether the lag
 * grows during the churn. At the end, the time from the last change until every proxy holds the
 * final state of every cluster. Also: what the proxies received (coalescing: far fewer pushes than
 * changes), the control plane's CPU time, and its heap after a full GC at the start, middle and end.
 */
final class ChurnRun {

  /** A sampled change is made on a service that no change touched for this long. */
  private static final int QUIET_SECONDS = 3;

  /**
   * The churn's outcome.
   *
   * @param changes changes sent
   * @param seconds from the first to the last change sent
   * @param zookeeperErrors changes ZooKeeper refused (none should be)
   * @param samples per sample, in order: the lag until each proxy had it
   * @param finalReached proxies that reached the final state within the timeout
   * @param finalLag from the last change until each proxy held the final state of every cluster
   * @param traffic what the proxies received from the start of the churn until the end of the settle period
   * @param serverCpuNanos the control plane's CPU time over the same period, without the GCs of the measurements
   * @param cpuSeconds the length of that period
   * @param start the control plane at the start
   * @param middle the control plane halfway through the changes
   * @param end the control plane after the settle period
   */
  record Result(long changes, double seconds, long zookeeperErrors, List<Spread> samples, int finalReached,
      Spread finalLag, Traffic.Totals traffic, long serverCpuNanos, double cpuSeconds, ServerStats start,
      ServerStats middle, ServerStats end) {}

  private final Fleet fleet;
  private final ProviderSet providers;
  private final ZookeeperProviders zookeeper;
  private final ControlPlaneProcess server;
  private final Duration timeout;
  private final Duration settle;

  ChurnRun(Fleet fleet, ProviderSet providers, ZookeeperProviders zookeeper, ControlPlaneProcess server,
      Duration timeout, Duration settle) {
    this.fleet = fleet;
    this.providers = providers;
    this.zookeeper = zookeeper;
    this.server = server;
    this.timeout = timeout;
    this.settle = settle;
  }

  /** {@code rate} changes per second for {@code seconds} seconds. */
  Result run(int rate, int seconds, Random random) throws Exception {
    ServerStats start = server.stats();
    long periodStart = System.nanoTime();
    Traffic traffic = fleet.window(Set.of());
    long total = (long) rate * seconds;
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    List<Expectation> samples = new ArrayList<>();
    List<Long> sampleStarts = new ArrayList<>();
    CompletableFuture<ServerStats> middle = null;
    long begin = System.nanoTime();
    long last = begin;
    for (long k = 0; k < total; k++) {
      long due = begin + k * interval;
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      if (k == total / 2) {
        middle = CompletableFuture.supplyAsync(server::stats);
      }
      Optional<ProviderChange> sampled = k % rate == rate / 2
          ? providers.randomQuietToggleAndPin(random, QUIET_SECONDS * rate)
          : Optional.empty();
      ProviderChange change = sampled.orElseGet(() -> providers.randomToggle(random));
      if (sampled.isPresent()) {
        Expectation sample = Expectation.exactly(
            Map.of(providers.names().service(change.service()), providers.endpointsAfter(change)), fleet.size());
        fleet.expect(sample);
        samples.add(sample);
        sampleStarts.add(System.nanoTime());
      }
      last = System.nanoTime();
      zookeeper.applyAsync(change);
      providers.apply(change);
      if (k % rate == 0) {
        RegistryLoadHarness.progress("churn: %d/%d changes sent", k, total);
      }
    }
    double sent = (last - begin) / 1e9;
    if (!zookeeper.awaitAsync(timeout)) {
      RegistryLoadHarness.progress("churn: ZooKeeper did not answer every change within %s", timeout);
    }
    Expectation done = Expectation.exactly(providers.expectedAssignments(), fleet.size());
    fleet.expect(done);
    done.await(timeout);
    for (Expectation sample : samples) {
      sample.await(Duration.ofSeconds(1));
    }
    Thread.sleep(settle.toMillis());
    Traffic.Totals totals = traffic.totals();
    ServerStats middleStats = middle == null ? start : middle.get(timeout.toSeconds(), TimeUnit.SECONDS);
    ServerStats end = server.stats();
    double cpuSeconds = (System.nanoTime() - periodStart) / 1e9;
    long gcs = start.gcCpuNanos() + (middle == null ? 0 : middleStats.gcCpuNanos());
    samples.forEach(fleet::forget);
    fleet.forget(done);
    List<Spread> lags = new ArrayList<>();
    for (int i = 0; i < samples.size(); i++) {
      lags.add(Spread.millisOfNanos(samples.get(i).lagsNanos(sampleStarts.get(i))));
    }
    return new Result(total, sent, zookeeper.asyncErrors(), lags, done.reached(), Spread.millisOfNanos(done.lagsNanos(last)),
        totals, end.cpuNanos() - start.cpuNanos() - gcs, cpuSeconds, start, middleStats, end);
  }
}
