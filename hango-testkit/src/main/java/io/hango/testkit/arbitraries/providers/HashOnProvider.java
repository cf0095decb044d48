package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll HashOn} values from {@link HangoArbitraries#hashOns}. */
public final class HashOnProvider extends ModelTypeProvider<io.hango.model.service.HashOn> {
  public HashOnProvider() {
    super(io.hango.model.service.HashOn.class, () -> HangoArbitraries.hashOns());
  }
}
