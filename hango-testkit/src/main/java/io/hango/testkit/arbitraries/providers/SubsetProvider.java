package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll Subset} values from {@link HangoArbitraries#subsets}. */
public final class SubsetProvider extends ModelTypeProvider<io.hango.model.service.Subset> {
  public SubsetProvider() {
    super(io.hango.model.service.Subset.class, () -> HangoArbitraries.subsets());
  }
}
