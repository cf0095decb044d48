package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll LeastRequest} values from {@link HangoArbitraries#loadBalancers}. */
public final class LeastRequestProvider extends ModelTypeProvider<io.hango.model.service.LoadBalancer.LeastRequest> {
  public LeastRequestProvider() {
    super(io.hango.model.service.LoadBalancer.LeastRequest.class, () -> HangoArbitraries.loadBalancers(io.hango.model.service.LoadBalancer.LeastRequest.class));
  }
}
