package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll Gateway} values from {@link HangoArbitraries#gateways}. */
public final class GatewayProvider extends ModelTypeProvider<io.hango.model.gateway.Gateway> {
  public GatewayProvider() {
    super(io.hango.model.gateway.Gateway.class, () -> HangoArbitraries.gateways());
  }
}
