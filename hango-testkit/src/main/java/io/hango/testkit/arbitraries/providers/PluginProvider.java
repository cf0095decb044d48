package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll Plugin} values from {@link HangoArbitraries#plugins}. */
public final class PluginProvider extends ModelTypeProvider<io.hango.model.plugin.Plugin> {
  public PluginProvider() {
    super(io.hango.model.plugin.Plugin.class, () -> HangoArbitraries.plugins());
  }
}
