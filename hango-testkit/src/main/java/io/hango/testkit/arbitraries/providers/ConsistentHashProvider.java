package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll ConsistentHash} values from {@link HangoArbitraries#loadBalancers}. */
public final class ConsistentHashProvider extends ModelTypeProvider<io.hango.model.service.LoadBalancer.ConsistentHash> {
  public ConsistentHashProvider() {
    super(io.hango.model.service.LoadBalancer.ConsistentHash.class, () -> HangoArbitraries.loadBalancers(io.hango.model.service.LoadBalancer.ConsistentHash.class));
  }
}
