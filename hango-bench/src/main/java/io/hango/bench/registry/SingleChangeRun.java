package io.hango.bench.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Single registry changes, one at a time: a random service's provider deregisters, then registers
 * again, and so on. For each: the time from the change in ZooKeeper until each proxy received the
 * assignment without (with) it, the responses and bytes all proxies received for it, and the
 * control plane's CPU time, measured until a settle period after the last proxy got it.
 */
final class SingleChangeRun {

  /**
   * One change.
   *
   * @param number 1-based
   * @param cluster the changed service's cluster
   * @param add whether a provider registered (otherwise deregistered)
   * @param reached proxies that received the change within the timeout
   * @param lag from the change until each proxy that did received it
   * @param traffic what the proxies received from just before the change until the end of the settle period
   * @param serverCpuNanos the control plane's CPU time over the same period
   */
  record Result(int number, String cluster, boolean add, int reached, Spread lag, Traffic.Totals traffic,
      long serverCpuNanos) {}

  private final Fleet fleet;
  private final ProviderSet providers;
  private final ZookeeperProviders zookeeper;
  private final ControlPlaneProcess server;
  private final Duration timeout;
  private final Duration settle;

  SingleChangeRun(Fleet fleet, ProviderSet providers, ZookeeperProviders zookeeper, ControlPlaneProcess server,
      Duration timeout, Duration settle) {
    this.fleet = fleet;
    this.providers = providers;
    this.zookeeper = zookeeper;
    this.server = server;
    this.timeout = timeout;
    this.settle = settle;
  }

  /** Makes {@code changes} changes (an even count leaves every provider registered). */
  List<Result> run(int changes, Random random) throws Exception {
    List<Result> results = new ArrayList<>();
    ProviderChange previous = null;
    for (int n = 1; n <= changes; n++) {
      ProviderChange change = previous == null ? providers.randomRemoval(random) : previous.reverse();
      previous = change.add() ? null : change;
      Result r = measure(n, change);
      results.add(r);
      RegistryLoadHarness.progress("change %d/%d: %s %s, %d/%d proxies, p50 %.0f ms, max %.0f ms", n, changes,
          r.add() ? "+" : "-", r.cluster(), r.reached(), fleet.size(), r.lag().p50(), r.lag().max());
    }
    return results;
  }

  private Result measure(int number, ProviderChange change) throws Exception {
    ProviderNames names = providers.names();
    String cluster = names.service(change.service());
    Traffic traffic = fleet.window(Set.of(cluster));
    Expectation arrived = Expectation.exactly(Map.of(cluster, providers.endpointsAfter(change)), fleet.size());
    fleet.expect(arrived);
    long cpuBefore = server.cpuNanos();
    long start = System.nanoTime();
    zookeeper.apply(change);
    providers.apply(change);
    arrived.await(timeout);
    Thread.sleep(settle.toMillis());
    long cpu = server.cpuNanos() - cpuBefore;
    fleet.forget(arrived);
    return new Result(number, cluster, change.add(), arrived.reached(), Spread.millisOfNanos(arrived.lagsNanos(start)),
        traffic.totals(), cpu);
  }
}
