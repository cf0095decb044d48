package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll Metadata} values from {@link HangoArbitraries#metadata}. */
public final class MetadataProvider extends ModelTypeProvider<io.hango.model.Metadata> {
  public MetadataProvider() {
    super(io.hango.model.Metadata.class, () -> HangoArbitraries.metadata());
  }
}
