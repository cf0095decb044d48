package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll Retry} values from {@link HangoArbitraries#retries}. */
public final class RetryProvider extends ModelTypeProvider<io.hango.model.route.Retry> {
  public RetryProvider() {
    super(io.hango.model.route.Retry.class, () -> HangoArbitraries.retries());
  }
}
