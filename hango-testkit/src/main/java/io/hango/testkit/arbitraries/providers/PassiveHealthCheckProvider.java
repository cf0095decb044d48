package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll PassiveHealthCheck} values from {@link HangoArbitraries#passiveHealthChecks}. */
public final class PassiveHealthCheckProvider extends ModelTypeProvider<io.hango.model.service.PassiveHealthCheck> {
  public PassiveHealthCheckProvider() {
    super(io.hango.model.service.PassiveHealthCheck.class, () -> HangoArbitraries.passiveHealthChecks());
  }
}
