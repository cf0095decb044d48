package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll ConnectionPool} values from {@link HangoArbitraries#connectionPools}. */
public final class ConnectionPoolProvider extends ModelTypeProvider<io.hango.model.service.ConnectionPool> {
  public ConnectionPoolProvider() {
    super(io.hango.model.service.ConnectionPool.class, () -> HangoArbitraries.connectionPools());
  }
}
