package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll GatewayConfig} values from {@link HangoArbitraries#configs}. */
public final class GatewayConfigProvider extends ModelTypeProvider<io.hango.model.GatewayConfig> {
  public GatewayConfigProvider() {
    super(io.hango.model.GatewayConfig.class, () -> HangoArbitraries.configs());
  }
}
