package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll RouteMatch} values from {@link HangoArbitraries#routeMatches}. */
public final class RouteMatchProvider extends ModelTypeProvider<io.hango.model.route.RouteMatch> {
  public RouteMatchProvider() {
    super(io.hango.model.route.RouteMatch.class, () -> HangoArbitraries.routeMatches());
  }
}
