package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll RoundRobin} values from {@link HangoArbitraries#loadBalancers}. */
public final class RoundRobinProvider extends ModelTypeProvider<io.hango.model.service.LoadBalancer.RoundRobin> {
  public RoundRobinProvider() {
    super(io.hango.model.service.LoadBalancer.RoundRobin.class, () -> HangoArbitraries.loadBalancers(io.hango.model.service.LoadBalancer.RoundRobin.class));
  }
}
