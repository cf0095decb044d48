package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll PathMatch} values from {@link HangoArbitraries#pathMatches}. */
public final class PathMatchProvider extends ModelTypeProvider<io.hango.model.route.PathMatch> {
  public PathMatchProvider() {
    super(io.hango.model.route.PathMatch.class, () -> HangoArbitraries.pathMatches());
  }
}
