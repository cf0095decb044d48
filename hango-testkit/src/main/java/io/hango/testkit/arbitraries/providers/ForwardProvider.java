package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll Forward} values from {@link HangoArbitraries#forwards}. */
public final class ForwardProvider extends ModelTypeProvider<io.hango.model.route.Forward> {
  public ForwardProvider() {
    super(io.hango.model.route.Forward.class, () -> HangoArbitraries.forwards());
  }
}
