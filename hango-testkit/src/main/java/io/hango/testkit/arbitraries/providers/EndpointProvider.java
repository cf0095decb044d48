package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll Endpoint} values from {@link HangoArbitraries#endpoints}. */
public final class EndpointProvider extends ModelTypeProvider<io.hango.model.service.Endpoint> {
  public EndpointProvider() {
    super(io.hango.model.service.Endpoint.class, () -> HangoArbitraries.endpoints());
  }
}
