package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll Random} values from {@link HangoArbitraries#loadBalancers}. */
public final class RandomLoadBalancerProvider extends ModelTypeProvider<io.hango.model.service.LoadBalancer.Random> {
  public RandomLoadBalancerProvider() {
    super(io.hango.model.service.LoadBalancer.Random.class, () -> HangoArbitraries.loadBalancers(io.hango.model.service.LoadBalancer.Random.class));
  }
}
