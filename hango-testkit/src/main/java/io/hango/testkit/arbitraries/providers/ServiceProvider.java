package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll Service} values from {@link HangoArbitraries#services}. */
public final class ServiceProvider extends ModelTypeProvider<io.hango.model.service.Service> {
  public ServiceProvider() {
    super(io.hango.model.service.Service.class, () -> HangoArbitraries.services());
  }
}
