package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll Mirror} values from {@link HangoArbitraries#mirrors}. */
public final class MirrorProvider extends ModelTypeProvider<io.hango.model.route.Mirror> {
  public MirrorProvider() {
    super(io.hango.model.route.Mirror.class, () -> HangoArbitraries.mirrors());
  }
}
