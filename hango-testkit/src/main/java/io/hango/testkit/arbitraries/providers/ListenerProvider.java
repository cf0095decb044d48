package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll Listener} values from {@link HangoArbitraries#listeners}. */
public final class ListenerProvider extends ModelTypeProvider<io.hango.model.gateway.Listener> {
  public ListenerProvider() {
    super(io.hango.model.gateway.Listener.class, () -> HangoArbitraries.listeners());
  }
}
