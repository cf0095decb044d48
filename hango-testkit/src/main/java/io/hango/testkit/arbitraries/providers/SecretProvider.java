package io.hango.testkit.arbitraries.providers;

import io.hango.testkit.arbitraries.HangoArbitraries;

/** Provides {@code @ForAll Secret} values from {@link HangoArbitraries#secrets}. */
public final class SecretProvider extends ModelTypeProvider<io.hango.model.secret.Secret> {
  public SecretProvider() {
    super(io.hango.model.secret.Secret.class, () -> HangoArbitraries.secrets());
  }
}
