package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll LoadBalancer} values from {@link HangoArbitraries#loadBalancers}. */
public final class LoadBalancerProvider extends ModelTypeProvider<io.hango.model.service.LoadBalancer> {
  public LoadBalancerProvider() {
    super(io.hango.model.service.LoadBalancer.class, () -> HangoArbitraries.loadBalancers());
  }
}
