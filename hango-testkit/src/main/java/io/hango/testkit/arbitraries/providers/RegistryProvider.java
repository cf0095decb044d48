package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll Registry} values from {@link HangoArbitraries#registries}. */
public final class RegistryProvider extends ModelTypeProvider<io.hango.model.registry.Registry> {
  public RegistryProvider() {
    super(io.hango.model.registry.Registry.class, () -> HangoArbitraries.registries());
  }
}
