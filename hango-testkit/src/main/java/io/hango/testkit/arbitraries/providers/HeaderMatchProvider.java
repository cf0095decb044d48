package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll HeaderMatch} values from {@link HangoArbitraries#headerMatches}. */
public final class HeaderMatchProvider extends ModelTypeProvider<io.hango.model.route.HeaderMatch> {
  public HeaderMatchProvider() {
    super(io.hango.model.route.HeaderMatch.class, () -> HangoArbitraries.headerMatches());
  }
}
