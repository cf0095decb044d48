package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll DirectResponse} values from {@link HangoArbitraries#directResponses}. */
public final class DirectResponseProvider extends ModelTypeProvider<io.hango.model.route.DirectResponse> {
  public DirectResponseProvider() {
    super(io.hango.model.route.DirectResponse.class, () -> HangoArbitraries.directResponses());
  }
}
