package io.hango.testkit.arbitraries.providers;

import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.ArbitraryProvider;
import net.jqwik.api.providers.TypeUsage;

/**
 * The shape of every Hango {@link ArbitraryProvider}: one model type, one arbitrary from
 * {@link io.hango.testkit.arbitraries.HangoArbitraries}.
 *
 * @param <T> the model type
 */
abstract class ModelTypeProvider<T> implements ArbitraryProvider {
  private final Class<T> type;
  private final Supplier<Arbitrary<? extends T>> arbitrary;

  ModelTypeProvider(Class<T> type, Supplier<Arbitrary<? extends T>> arbitrary) {
    this.type = type;
    this.arbitrary = arbitrary;
  }

  @Override
  public boolean canProvideFor(TypeUsage targetType) {
    return targetType.isOfType(type);
  }

  @Override
  public Set<Arbitrary<?>> provideFor(TypeUsage targetType, SubtypeProvider subtypeProvider) {
    return Set.of(arbitrary.get());
  }
}
