package io.hango.testkit.arbitraries.internal;

import static io.hango.testkit.arbitraries.internal.ModelPools.NAME_BASES;

import io.hango.model.GatewayConfig;
import io.hango.model.Resource;
import io.hango.model.gateway.Gateway;
import io.hango.model.gateway.Listener;
import io.hango.model.plugin.Plugin;
import io.hango.model.registry.Registry;
import io.hango.model.route.Route;
import io.hango.model.service.Subset;
import io.hango.testkit.arbitraries.Feature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of whole valid configs: secrets, registries, services, gateways, routes and plugins,
 * each document referring only to documents generated before it (a {@link ModelContext}). The
 * values of each model area come from {@link SecretGenerators}, {@link RegistryGenerators}, {@link
 * ServiceGenerators}, {@link GatewayGenerators}, {@link RouteGenerators} and {@link
 * PluginGenerators}, drawn from the small pools of {@link ModelPools}. Internal: use {@code
 * HangoArbitraries}.
 */
public final class ModelGenerators {

  private final Set<Feature> on;
  private final GatewayGenerators gateways;
  private final RouteGenerators routes;
  private final ServiceGenerators services;

  /** With every route's header and query conditions at most 2 each. */
  public ModelGenerators(Set<Feature> on) {
    this(on, 2);
  }

  /** With at most {@code maxConditions} header and query conditions each per route (0 also leaves methods out). */
  public ModelGenerators(Set<Feature> on, int maxConditions) {
    this.on = Set.copyOf(on);
    this.gateways = new GatewayGenerators(on);
    this.routes = new RouteGenerators(on, maxConditions);
    this.services = new ServiceGenerators(on);
  }

  private boolean has(Feature f) {
    return on.contains(f);
  }

  /** Whole configs: {@code services}, {@code gateways} and {@code routes} counts drawn from the given ranges. */
  public Arbitrary<GatewayConfig> configs(int minServices, int maxServices, int minGateways, int maxGateways, int maxListeners,
      int minRoutes, int maxRoutes) {
    Arbitrary<List<Registry>> registries = has(Feature.REGISTRIES)
        ? Arbitraries.integers().between(0, 2).flatMap(n -> Combinators.combine(
            java.util.stream.IntStream.range(0, n).mapToObj(i -> RegistryGenerators.registries("registry-" + i)).toList()).as(List::copyOf))
        : Arbitraries.just(List.of());
    return Combinators.combine(SecretGenerators.secrets(), registries, Arbitraries.integers().between(minServices, maxServices))
        .flatAs((secrets, regs, nServices) -> {
          Map<String, List<String>> placeholder = new LinkedHashMap<>();
          List<String> serviceNames = java.util.stream.IntStream.range(0, nServices).mapToObj(i -> NAME_BASES.get(i % NAME_BASES.size()) + "-s" + i).toList();
          serviceNames.forEach(s -> placeholder.put(s, List.of()));
          ModelContext base = new ModelContext(placeholder, SecretGenerators.CERTIFICATE_SECRETS, SecretGenerators.CA_SECRETS, regs.stream().map(Registry::name).toList(), Map.of(), List.of());
          return Combinators.combine(serviceNames.stream().map(s -> services.services(s, base)).toList()).as(List::copyOf)
              .flatMap(services -> {
                Map<String, List<String>> subsets = new LinkedHashMap<>();
                services.forEach(s -> subsets.put(s.name(), s.spec().subsets().stream().map(Subset::name).toList()));
                ModelContext withServices = new ModelContext(subsets, SecretGenerators.CERTIFICATE_SECRETS, SecretGenerators.CA_SECRETS, base.registries(), Map.of(), List.of());
                return Arbitraries.integers().between(minGateways, maxGateways).flatMap(nGateways -> Combinators.combine(
                        java.util.stream.IntStream.range(0, nGateways).mapToObj(i -> Arbitraries.integers().between(1, maxListeners)
                            .flatMap(nl -> gateways.gatewaySpecs(nl, withServices)).map(spec -> Gateway.of("gw" + i, spec))).toList())
                    .as(List::copyOf))
                    .flatMap(gateways -> {
                      Map<String, List<Listener>> ls = new TreeMap<>();
                      gateways.forEach(g -> ls.put(g.name(), g.spec().listeners()));
                      ModelContext withGateways = withServices.withGateways(ls);
                      return Arbitraries.integers().between(minRoutes, maxRoutes).flatMap(nRoutes -> Combinators.combine(
                              java.util.stream.IntStream.range(0, nRoutes).mapToObj(i -> routes.routes(withGateways,
                                  Arbitraries.of(NAME_BASES).map(b -> b + "-r" + i))).toList()).as(List::copyOf))
                          .flatMap(routes -> {
                            ModelContext all = withGateways.withRoutes(routes.stream().map(Route::name).toList());
                            Arbitrary<List<Plugin>> plugins = has(Feature.PLUGINS)
                                ? Arbitraries.integers().between(0, 3).flatMap(n -> Combinators.combine(
                                    java.util.stream.IntStream.range(0, n).mapToObj(i -> PluginGenerators.plugins("plugin-" + i, all)).toList()).as(List::copyOf))
                                : Arbitraries.just(List.of());
                            return plugins.map(ps -> {
                              List<Resource> docs = new ArrayList<>();
                              docs.addAll(secrets);
                              docs.addAll(regs);
                              docs.addAll(services);
                              docs.addAll(gateways);
                              docs.addAll(routes);
                              docs.addAll(ps);
                              return GatewayConfig.of(docs);
                            });
                          });
                    });
              });
        });
  }
}
