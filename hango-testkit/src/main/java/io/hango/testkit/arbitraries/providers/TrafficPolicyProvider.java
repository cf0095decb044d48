package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll TrafficPolicy} values from {@link HangoArbitraries#trafficPolicies}. */
public final class TrafficPolicyProvider extends ModelTypeProvider<io.hango.model.service.TrafficPolicy> {
  public TrafficPolicyProvider() {
    super(io.hango.model.service.TrafficPolicy.class, () -> HangoArbitraries.trafficPolicies());
  }
}
