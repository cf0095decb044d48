package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll ActiveHealthCheck} values from {@link HangoArbitraries#activeHealthChecks}. */
public final class ActiveHealthCheckProvider extends ModelTypeProvider<io.hango.model.service.ActiveHealthCheck> {
  public ActiveHealthCheckProvider() {
    super(io.hango.model.service.ActiveHealthCheck.class, () -> HangoArbitraries.activeHealthChecks());
  }
}
