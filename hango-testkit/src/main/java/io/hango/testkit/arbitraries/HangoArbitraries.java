package io.hango.testkit.arbitraries;

import io.hango.model.GatewayConfig;
import io.hango.model.Metadata;
import io.hango.model.gateway.Gateway;
import io.hango.model.gateway.Listener;
import io.hango.model.plugin.Plugin;
import io.hango.model.registry.Registry;
import io.hango.model.route.Destination;
import io.hango.model.route.DirectResponse;
import io.hango.model.route.Forward;
import io.hango.model.route.HeaderMatch;
import io.hango.model.route.HeaderOperations;
import io.hango.model.route.Mirror;
import io.hango.model.route.PathMatch;
import io.hango.model.route.QueryParamMatch;
import io.hango.model.route.Redirect;
import io.hango.model.route.Retry;
import io.hango.model.route.Rewrite;
import io.hango.model.route.Route;
import io.hango.model.route.RouteMatch;
import io.hango.model.secret.Secret;
import io.hango.model.service.ActiveHealthCheck;
import io.hango.model.service.ConnectionPool;
import io.hango.model.service.Endpoint;
import io.hango.model.service.HashOn;
import io.hango.model.service.LoadBalancer;
import io.hango.model.service.PassiveHealthCheck;
import io.hango.model.service.Service;
import io.hango.model.service.ServiceProtocol;
import io.hango.model.service.Subset;
import io.hango.model.service.TrafficPolicy;
import io.hango.model.service.UpstreamTls;
import io.hango.testkit.arbitraries.internal.GatewayGenerators;
import io.hango.testkit.arbitraries.internal.InvalidConfigs;
import io.hango.testkit.arbitraries.internal.ModelContext;
import io.hango.testkit.arbitraries.internal.ModelGenerators;
import io.hango.testkit.arbitraries.internal.ModelPools;
import io.hango.testkit.arbitraries.internal.PluginGenerators;
import io.hango.testkit.arbitraries.internal.RegistryGenerators;
import io.hango.testkit.arbitraries.internal.RequestGenerator;
import io.hango.testkit.arbitraries.internal.RouteGenerators;
import io.hango.testkit.arbitraries.internal.SecretGenerators;
import io.hango.testkit.arbitraries.internal.ServiceGenerators;
import java.util.EnumSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * jqwik arbitraries for the whole Hango model, valid by construction, and for requests aimed at a
 * config. The same arbitraries back the {@code ArbitraryProvider}s registered by this module, so
 * {@code @ForAll Route route} works without a {@code @Provide} method.
 *
 * <p>Standalone values ({@link #routes()}, {@link #services()}, ...) refer to a fixed small world
 * (services {@code orders} with subsets v1/v2, {@code users}, {@code a.b} with subset canary;
 * gateway {@code edge}; secrets {@code tls-cert}, {@code tls-ca}, {@code tls-all}); only whole
 * configs from {@link #configs()} are guaranteed to validate, since only they carry what the values
 * refer to.
 *
 * <pre>{@code
 * @Property(tries = 1000)
 * void routesAgree(@ForAll("configs") GatewayConfig config) { ... }
 *
 * @Provide
 * Arbitrary<GatewayConfig> configs() {
 *   return HangoArbitraries.configs().routes(1, 5).services(1, 2).without(Feature.PLUGINS);
 * }
 * }</pre>
 */
public final class HangoArbitraries {
  private static final Set<Feature> EVERYTHING = EnumSet.allOf(Feature.class);
  private static final ModelGenerators ALL = new ModelGenerators(EVERYTHING);
  private static final GatewayGenerators GATEWAYS = new GatewayGenerators(EVERYTHING);
  private static final RouteGenerators ROUTES = new RouteGenerators(EVERYTHING, 2);
  private static final ServiceGenerators SERVICES = new ServiceGenerators(EVERYTHING);

  private HangoArbitraries() {}

  /** Whole valid configs, every feature on; narrow with the knobs of {@link ConfigArbitrary}. */
  public static ConfigArbitrary configs() {
    return new ConfigArbitrary();
  }

  /** Configs with exactly one known defect each, for validation tests. */
  public static Arbitrary<Defective> invalidConfigs() {
    return InvalidConfigs.invalidConfigs();
  }

  /**
   * Requests aimed at {@code config}: each names one gateway listener's route configuration, with
   * an authority from the config's hosts, a path derived from its path matches (or a near miss),
   * headers and query parameters present or absent, any method and random value.
   */
  public static Arbitrary<TargetedRequest> requestsFor(GatewayConfig config) {
    return RequestGenerator.requestsFor(config);
  }

  public static Arbitrary<Metadata> metadata() {
    return ModelPools.metadata();
  }

  public static Arbitrary<Listener> listeners() {
    return Arbitraries.of(8080, 443, 1, 65535).flatMap(port -> GATEWAYS.listeners("http", port, ModelContext.standalone()));
  }

  public static Arbitrary<Gateway> gateways() {
    return ModelPools.metadata().flatMap(m -> ALL.configs(1, 1, 1, 1, 3, 0, 0)
        .map(c -> Gateway.builder().metadata(m).spec(c.gateways().get(0).spec()).build()));
  }

  public static Arbitrary<PathMatch> pathMatches() {
    return ROUTES.pathMatches();
  }

  public static Arbitrary<HeaderMatch> headerMatches() {
    return ROUTES.headerMatches();
  }

  public static Arbitrary<QueryParamMatch> queryParamMatches() {
    return ROUTES.queryParamMatches();
  }

  public static Arbitrary<RouteMatch> routeMatches() {
    return ROUTES.routeMatches();
  }

  public static Arbitrary<Destination> destinations() {
    return ROUTES.destinations(ModelContext.standalone());
  }

  public static Arbitrary<Retry> retries() {
    return RouteGenerators.retries();
  }

  public static Arbitrary<Mirror> mirrors() {
    return ROUTES.mirrors(ModelContext.standalone());
  }

  /** Rewrites for a prefix path match (regex, prefix and host rewrites). */
  public static Arbitrary<Rewrite> rewrites() {
    return RouteGenerators.rewrites(PathMatch.prefix("/orders"));
  }

  /** Rewrites that fit {@code path} (template rewrites use its variables). */
  public static Arbitrary<Rewrite> rewrites(PathMatch path) {
    return RouteGenerators.rewrites(path);
  }

  public static Arbitrary<HeaderOperations> headerOperations() {
    return RouteGenerators.headerOperations(true);
  }

  public static Arbitrary<Forward> forwards() {
    return ROUTES.forwards(ModelContext.standalone(), PathMatch.prefix("/"));
  }

  public static Arbitrary<Redirect> redirects() {
    return RouteGenerators.redirects(PathMatch.prefix("/v1/"));
  }

  public static Arbitrary<DirectResponse> directResponses() {
    return RouteGenerators.directResponses();
  }

  public static Arbitrary<Route> routes() {
    return ROUTES.routes(ModelContext.standalone());
  }

  public static Arbitrary<Endpoint> endpoints() {
    return Arbitraries.integers().between(0, 1000).flatMap(ServiceGenerators::endpoints);
  }

  public static Arbitrary<Subset> subsets() {
    return Arbitraries.of("v1", "v2", "canary").flatMap(n -> SERVICES.subsets(n, ServiceProtocol.HTTP, ModelContext.standalone()));
  }

  public static Arbitrary<LoadBalancer> loadBalancers() {
    return ServiceGenerators.loadBalancers();
  }

  /** Load balancers of one kind, e.g. {@code loadBalancers(LoadBalancer.ConsistentHash.class)}. */
  public static <T extends LoadBalancer> Arbitrary<T> loadBalancers(Class<T> kind) {
    return ServiceGenerators.loadBalancers().filter(kind::isInstance).map(kind::cast);
  }

  public static Arbitrary<HashOn> hashOns() {
    return ServiceGenerators.hashOns();
  }

  public static Arbitrary<ConnectionPool> connectionPools() {
    return ServiceGenerators.connectionPools();
  }

  public static Arbitrary<ActiveHealthCheck> activeHealthChecks() {
    return Arbitraries.of(ServiceProtocol.values()).flatMap(ServiceGenerators::activeHealthChecks);
  }

  public static Arbitrary<PassiveHealthCheck> passiveHealthChecks() {
    return ServiceGenerators.passiveHealthChecks();
  }

  public static Arbitrary<UpstreamTls> upstreamTls() {
    return ServiceGenerators.upstreamTls(ModelContext.standalone());
  }

  public static Arbitrary<TrafficPolicy> trafficPolicies() {
    return SERVICES.trafficPolicies(ServiceProtocol.HTTP2, ModelContext.standalone());
  }

  public static Arbitrary<Service> services() {
    return ModelPools.metadata().flatMap(m -> SERVICES.services(m.name(), ModelContext.standalone()));
  }

  public static Arbitrary<Plugin> plugins() {
    return ModelPools.metadata().flatMap(m -> PluginGenerators.plugins(m.name(), ModelContext.standalone()));
  }

  public static Arbitrary<Registry> registries() {
    return ModelPools.metadata().flatMap(m -> RegistryGenerators.registries(m.name()));
  }

  public static Arbitrary<Secret> secrets() {
    return SecretGenerators.secrets().flatMap(Arbitraries::of);
  }
}
