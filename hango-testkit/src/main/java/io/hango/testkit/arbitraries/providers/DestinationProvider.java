package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll Destination} values from {@link HangoArbitraries#destinations}. */
public final class DestinationProvider extends ModelTypeProvider<io.hango.model.route.Destination> {
  public DestinationProvider() {
    super(io.hango.model.route.Destination.class, () -> HangoArbitraries.destinations());
  }
}
