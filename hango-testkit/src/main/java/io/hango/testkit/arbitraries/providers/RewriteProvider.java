package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll Rewrite} values from {@link HangoArbitraries#rewrites}. */
public final class RewriteProvider extends ModelTypeProvider<io.hango.model.route.Rewrite> {
  public RewriteProvider() {
    super(io.hango.model.route.Rewrite.class, () -> HangoArbitraries.rewrites());
  }
}
