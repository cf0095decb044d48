package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll Route} values from {@link HangoArbitraries#routes}. */
public final class RouteProvider extends ModelTypeProvider<io.hango.model.route.Route> {
  public RouteProvider() {
    super(io.hango.model.route.Route.class, () -> HangoArbitraries.routes());
  }
}
