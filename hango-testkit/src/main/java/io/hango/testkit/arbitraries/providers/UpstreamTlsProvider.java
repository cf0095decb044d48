package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll UpstreamTls} values from {@link HangoArbitraries#upstreamTls}. */
public final class UpstreamTlsProvider extends ModelTypeProvider<io.hango.model.service.UpstreamTls> {
  public UpstreamTlsProvider() {
    super(io.hango.model.service.UpstreamTls.class, () -> HangoArbitraries.upstreamTls());
  }
}
