package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll Redirect} values from {@link HangoArbitraries#redirects}. */
public final class RedirectProvider extends ModelTypeProvider<io.hango.model.route.Redirect> {
  public RedirectProvider() {
    super(io.hango.model.route.Redirect.class, () -> HangoArbitraries.redirects());
  }
}
