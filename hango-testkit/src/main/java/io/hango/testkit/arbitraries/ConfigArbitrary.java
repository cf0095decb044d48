package io.hango.testkit.arbitraries;

import io.hango.model.GatewayConfig;
import io.hango.testkit.arbitraries.internal.ModelGenerators;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * Valid whole configs, with knobs. Every generated config validates without errors: references
 * (services, subsets, gateways, listeners, secrets, registries, routes of plugins) resolve, names
 * are unique, regexes compile under RE2. Immutable: each knob returns a new arbitrary.
 *
 * <pre>{@code
 * @Property
 * void translates(@ForAll("configs") GatewayConfig config) { ... }
 *
 * @Provide
 * Arbitrary<GatewayConfig> configs() {
 *   return HangoArbitraries.configs().routes(1, 6).services(1, 3).without(Feature.PLUGINS);
 * }
 * }</pre>
 */
public final class ConfigArbitrary extends ArbitraryDecorator<GatewayConfig> {
  private final int minServices;
  private final int maxServices;
  private final int minGateways;
  private final int maxGateways;
  private final int maxListeners;
  private final int minRoutes;
  private final int maxRoutes;
  private final Set<Feature> features;
  private final int maxConditions;

  ConfigArbitrary() {
    this(1, 3, 1, 2, 3, 0, 8, EnumSet.allOf(Feature.class));
  }

  private ConfigArbitrary(int minServices, int maxServices, int minGateways, int maxGateways, int maxListeners,
      int minRoutes, int maxRoutes, Set<Feature> features) {
    this(minServices, maxServices, minGateways, maxGateways, maxListeners, minRoutes, maxRoutes, features, 2);
  }

  private ConfigArbitrary(int minServices, int maxServices, int minGateways, int maxGateways, int maxListeners,
      int minRoutes, int maxRoutes, Set<Feature> features, int maxConditions) {
    this.minServices = minServices;
    this.maxServices = maxServices;
    this.minGateways = minGateways;
    this.maxGateways = maxGateways;
    this.maxListeners = maxListeners;
    this.minRoutes = minRoutes;
    this.maxRoutes = maxRoutes;
    this.features = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
    this.maxConditions = maxConditions;
  }

  /** Number of services, at least 1 (routes need one to forward to). Default 1–3. */
  public ConfigArbitrary services(int min, int max) {
    check(min >= 1 && max >= min, "services: 1 <= min <= max");
    return new ConfigArbitrary(min, max, minGateways, maxGateways, maxListeners, minRoutes, maxRoutes, features, maxConditions);
  }

  /** Number of gateways, at least 1. Default 1–2. */
  public ConfigArbitrary gateways(int min, int max) {
    check(min >= 1 && max >= min, "gateways: 1 <= min <= max");
    return new ConfigArbitrary(minServices, maxServices, min, max, maxListeners, minRoutes, maxRoutes, features, maxConditions);
  }

  /** Largest number of listeners per gateway, 1–4. Default 3. */
  public ConfigArbitrary maxListeners(int max) {
    check(max >= 1 && max <= 4, "maxListeners: 1..4");
    return new ConfigArbitrary(minServices, maxServices, minGateways, maxGateways, max, minRoutes, maxRoutes, features, maxConditions);
  }

  /** Number of routes. Default 0–8. */
  public ConfigArbitrary routes(int min, int max) {
    check(min >= 0 && max >= min, "routes: 0 <= min <= max");
    return new ConfigArbitrary(minServices, maxServices, minGateways, maxGateways, maxListeners, min, max, features, maxConditions);
  }

  /** Largest number of header conditions and of query conditions per route, 0–2 (0 also leaves methods out). Default 2. */
  public ConfigArbitrary conditions(int max) {
    check(max >= 0 && max <= 2, "conditions: 0..2");
    return new ConfigArbitrary(minServices, maxServices, minGateways, maxGateways, maxListeners, minRoutes, maxRoutes, features, max);
  }

  /** Leaves these features out. */
  public ConfigArbitrary without(Feature... off) {
    EnumSet<Feature> f = EnumSet.copyOf(featuresOrAll());
    Arrays.asList(off).forEach(f::remove);
    return new ConfigArbitrary(minServices, maxServices, minGateways, maxGateways, maxListeners, minRoutes, maxRoutes, f, maxConditions);
  }

  /** Only these features (the core — gateways, listeners, services, forward routes with prefix/exact/header/query matches — is always on). */
  public ConfigArbitrary only(Feature... on) {
    EnumSet<Feature> f = EnumSet.noneOf(Feature.class);
    f.addAll(Arrays.asList(on));
    return new ConfigArbitrary(minServices, maxServices, minGateways, maxGateways, maxListeners, minRoutes, maxRoutes, f, maxConditions);
  }

  /** The features switched on. */
  public Set<Feature> features() {
    return Set.copyOf(features);
  }

  private Set<Feature> featuresOrAll() {
    return features.isEmpty() ? EnumSet.noneOf(Feature.class) : features;
  }

  @Override
  protected Arbitrary<GatewayConfig> arbitrary() {
    // edge cases of such deeply combined arbitraries cost far more to compute than they find
    return new ModelGenerators(features, maxConditions).configs(minServices, maxServices, minGateways, maxGateways, maxListeners, minRoutes, maxRoutes)
        .withoutEdgeCases();
  }

  private static void check(boolean ok, String rule) {
    if (!ok) {
      throw new IllegalArgumentException(rule);
    }
  }
}
