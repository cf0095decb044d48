package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll HeaderOperations} values from {@link HangoArbitraries#headerOperations}. */
public final class HeaderOperationsProvider extends ModelTypeProvider<io.hango.model.route.HeaderOperations> {
  public HeaderOperationsProvider() {
    super(io.hango.model.route.HeaderOperations.class, () -> HangoArbitraries.headerOperations());
  }
}
